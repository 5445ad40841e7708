import { AggregateConsent1795512600000 } from './1795512600000-AggregateConsent';
import { Agreements1795498200000 } from './1795498200000-Agreements';
import { PaymentControls1795501800000 } from './1795501800000-PaymentControls';
import { ApplicationSearch1795487400000 } from './1795487400000-ApplicationSearch';
import { AuditDeliberation1795467600000 } from './1795467600000-AuditDeliberation';
import { AuditSequence1795456800000 } from './1795456800000-AuditSequence';
import { Awards1795453200000 } from './1795453200000-Awards';
import { DataSharingAgreements1795509000000 } from './1795509000000-DataSharingAgreements';
import { DataExports1795491000000 } from './1795491000000-DataExports';
import { Decisions1795438800000 } from './1795438800000-Decisions';
import { DisabledAccounts1795474800000 } from './1795474800000-DisabledAccounts';
import { FinancialReports1795505400000 } from './1795505400000-FinancialReports';
import { Foundation1795420800000 } from './1795420800000-Foundation';
import { Identity1795424400000 } from './1795424400000-Identity';
import { InformationRequests1795442400000 } from './1795442400000-InformationRequests';
import { JobFailures1795449600000 } from './1795449600000-JobFailures';
import { JobProgress1795482000000 } from './1795482000000-JobProgress';
import { KeptForms1795460400000 } from './1795460400000-KeptForms';
import { MembershipEnds1795471200000 } from './1795471200000-MembershipEnds';
import { Intake1795428000000 } from './1795428000000-Intake';
import { RecipientProfile1795494600000 } from './1795494600000-RecipientProfile';
import { Review1795435200000 } from './1795435200000-Review';
import { ReviewDueDate1795446000000 } from './1795446000000-ReviewDueDate';
import { Screening1795431600000 } from './1795431600000-Screening';
import { SignInAbuse1795478400000 } from './1795478400000-SignInAbuse';
import { StaffConflicts1795464000000 } from './1795464000000-StaffConflicts';

/** Every migration, oldest first. A new migration is a new file here and a line in this list. */
export const migrations = [Foundation1795420800000, Identity1795424400000, Intake1795428000000, Screening1795431600000, Review1795435200000, Decisions1795438800000, InformationRequests1795442400000, ReviewDueDate1795446000000, JobFailures1795449600000, Awards1795453200000, AuditSequence1795456800000, KeptForms1795460400000, StaffConflicts1795464000000, AuditDeliberation1795467600000, MembershipEnds1795471200000, DisabledAccounts1795474800000, SignInAbuse1795478400000, JobProgress1795482000000, ApplicationSearch1795487400000, DataExports1795491000000, RecipientProfile1795494600000, Agreements1795498200000, PaymentControls1795501800000, FinancialReports1795505400000, DataSharingAgreements1795509000000, AggregateConsent1795512600000];
