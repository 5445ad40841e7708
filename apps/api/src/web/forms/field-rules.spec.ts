import { EMPTY_CALL_TERMS, RubricCriterion } from '@grants/calls';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync } from 'class-validator';
import { FileReportDto, ReviewReportDto, SpendingLineDto } from '../../awards/award.dto';
import { RecordPaidDto } from '../../awards/payment.dto';
import { AddressDto, CreateOrganizationDto, CreateStaffDto, InviteMemberDto, LoginDto, PasswordResetConfirmDto, RegisterDto, TokenDto } from '../../identity/identity.dto';
import { BudgetLineDto, InformationRequestDto, ScreeningDto, UpdateApplicationDto } from '../../intake/application.dto';
import { CallTermsDto, LabelDto, LocalizedTextDto } from '../../intake/call.dto';
import { ConflictDeclarationDto, CriterionScoreDto, DecisionDto, ScoresDto } from '../../review/review.dto';
import { staffFormProblems } from '../admin/staff-form';
import { projectProblems, toBudget } from '../apply/apply-form';
import { basicsChanges, listFrom, NEW_ROW, parseOptions, questionFrom, readBasics, readQuestion, readSection, sectionFrom } from '../call-editor/call-form';
import { invitationFormProblems, organizationFormProblems, readOrganizationForm } from '../organization/organization-form';
import { NARRATIVE_FIELD, reportFormProblems } from '../organization/report-form';
import { paymentReferenceProblem, readReportReview, reportReviewProblem, reviewCommentField } from '../oversight/oversight-forms';
import { conflictFormProblems, readScoreForm, scoreFormProblems } from '../reviewer/score-form';
import { decisionFormProblems, EMPTY_DECISION_FORM, informationFormProblems, screeningFormProblems } from '../screening/screening-forms';
import { readEmailedTokenForm, readPasswordResetConfirmForm, readRegisterForm, readSignInForm } from '../session/account-forms';

/** A token as long as an emailed link's. */
const EMAILED = 'x'.repeat(32);

// Each row pairs a DTO property with the page field that takes the same value, and says whether the
// page's form reader refuses a value there. The limit is read from the DTO's own decorators, so a
// limit changed on one side only fails here.

type Constraint = 'maxLength' | 'minLength' | 'max' | 'min';

/** The DTO's constraint on a property, as class-validator will apply it. */
function dtoLimit(dto: new () => object, property: string, constraint: Constraint): number {
  const found = getMetadataStorage()
    .getTargetValidationMetadatas(dto, '', true, false)
    .filter((metadata) => metadata.propertyName === property && metadata.name === constraint);
  if (found.length !== 1) throw new Error(`${dto.name}.${property} has ${found.length} ${constraint} constraints`);
  return found[0]!.constraints[0] as number;
}

const CRITERION: RubricCriterion = { key: 'need', label: { en: 'Need', fr: 'Besoin' }, weight: 1, maxScore: 10 };
const basics = (field: string, value: string) => basicsChanges(readBasics({ [field]: value }), EMPTY_CALL_TERMS).errors.some((error) => error.field === field);
const question = (field: string, value: string) => questionFrom(readQuestion({ labelEn: 'Q', labelFr: 'Q', type: 'text', [field]: value }), null, null).errors.some((error) => error.field === field);
const measureLabel = (value: string) => listFrom('measures', [{ row: NEW_ROW, key: '', labelEn: value, labelFr: 'Servis', weight: '', maxScore: '', bands: [], remove: false }]).errors.length > 0;
const bandLabel = (value: string) =>
  listFrom('criteria', [{ row: NEW_ROW, key: '', labelEn: 'Need', labelFr: 'Besoin', weight: '1', maxScore: '10', bands: [{ minScore: '0', labelEn: 'Not shown', labelFr: value }], remove: false }]).errors.length > 0;
const decision = (field: keyof typeof EMPTY_DECISION_FORM, value: string) =>
  decisionFormProblems({ ...EMPTY_DECISION_FORM, outcome: 'approved', rationale: 'Strong need', [field]: value }).some((problem) => problem.field === field);
const register = (field: 'name' | 'email' | 'password', value: string) =>
  readRegisterForm({ name: 'Amélie Côté', email: 'amelie@example.org', password: 'a long passphrase', [field]: value }).problems.some((problem) => problem.field === field);
const organization = (field: string, value: string) => organizationFormProblems(readOrganizationForm({ [field]: value })).some((problem) => problem.field === field && problem.kind === 'tooLong');

/** An address of exactly `length` characters that class-validator's IsEmail takes (a 64-character local part, labels of at most 63). */
function emailOfLength(length: number): string {
  const local = 'a'.repeat(64);
  let domain = 'ca';
  for (let room = length - local.length - 1 - domain.length; room > 0; room = length - local.length - 1 - domain.length) {
    domain = `${'b'.repeat(Math.min(63, room - 1))}.${domain}`;
  }
  return `${local}@${domain}`;
}

/** `minimum`: the DTO has a MinLength beyond 1 that the page must hold too. */
const LENGTHS: Array<{ dto: new () => object; property: string; page: string; refuses: (value: string) => boolean; text?: (length: number) => string; minimum?: true }> = [
  { dto: CreateStaffDto, property: 'name', page: 'new staff account: name', refuses: (name) => staffFormProblems({ name, email: 'a@ontario.ca', roles: ['officer'], panels: [], locale: 'en' }).length > 0 },
  { dto: CreateStaffDto, property: 'email', page: 'new staff account: email', refuses: (email) => staffFormProblems({ name: 'A', email, roles: ['officer'], panels: [], locale: 'en' }).length > 0, text: emailOfLength },
  { dto: InviteMemberDto, property: 'email', page: 'invite a member', refuses: (email) => invitationFormProblems(email, 'editor').length > 0, text: emailOfLength },
  { dto: RegisterDto, property: 'name', page: 'register: name', refuses: (value) => register('name', value) },
  { dto: RegisterDto, property: 'email', page: 'register: email', refuses: (value) => register('email', value), text: emailOfLength },
  { dto: RegisterDto, property: 'password', page: 'register: password', refuses: (value) => register('password', value), minimum: true },
  { dto: PasswordResetConfirmDto, property: 'password', page: 'new password', refuses: (password) => readPasswordResetConfirmForm({ token: EMAILED, password }).problems.length > 0, minimum: true },
  { dto: PasswordResetConfirmDto, property: 'token', page: 'new password: the link', refuses: (token) => readPasswordResetConfirmForm({ token, password: 'a long passphrase' }).problems.length > 0, minimum: true },
  { dto: TokenDto, property: 'token', page: 'verify the address', refuses: (token) => readEmailedTokenForm({ token }).problems.length > 0, minimum: true },
  { dto: LoginDto, property: 'password', page: 'sign in: password', refuses: (password) => readSignInForm({ email: 'amelie@example.org', password }).problems.length > 0 },
  { dto: LoginDto, property: 'email', page: 'sign in: email', refuses: (email) => readSignInForm({ email, password: 'a long passphrase' }).problems.length > 0, text: emailOfLength },
  { dto: CreateOrganizationDto, property: 'legalName', page: 'organization profile', refuses: (value) => organization('legalName', value) },
  { dto: CreateOrganizationDto, property: 'operatingName', page: 'organization profile', refuses: (value) => organization('operatingName', value) },
  { dto: CreateOrganizationDto, property: 'registrationNumber', page: 'organization profile', refuses: (value) => organization('registrationNumber', value) },
  { dto: AddressDto, property: 'line1', page: 'organization profile: addressLine1', refuses: (value) => organization('addressLine1', value) },
  { dto: AddressDto, property: 'city', page: 'organization profile: addressCity', refuses: (value) => organization('addressCity', value) },
  { dto: UpdateApplicationDto, property: 'title', page: 'application: project', refuses: (title) => projectProblems({ title, summary: '' }).length > 0 },
  { dto: UpdateApplicationDto, property: 'summary', page: 'application: project', refuses: (summary) => projectProblems({ title: '', summary }).length > 0 },
  { dto: ScreeningDto, property: 'reason', page: 'screening', refuses: (reason) => screeningFormProblems({ outcome: 'eligible', reason }).length > 0 },
  { dto: InformationRequestDto, property: 'message', page: 'request for information', refuses: (message) => informationFormProblems({ message, respondBy: { day: '1', month: '5', year: '2027' } }).length > 0 },
  { dto: DecisionDto, property: 'conditions', page: 'decision', refuses: (value) => decision('conditions', value) },
  { dto: DecisionDto, property: 'rationale', page: 'decision', refuses: (value) => decision('rationale', value) },
  { dto: DecisionDto, property: 'overrideReason', page: 'decision', refuses: (value) => decision('overrideReason', value) },
  { dto: DecisionDto, property: 'feedback', page: 'decision', refuses: (value) => decision('feedback', value) },
  { dto: ConflictDeclarationDto, property: 'explanation', page: 'conflict declaration', refuses: (explanation) => conflictFormProblems({ conflict: 'no', explanation }).length > 0 },
  { dto: CriterionScoreDto, property: 'comment', page: 'scoring: comment', refuses: (comment) => scoreFormProblems([CRITERION], readScoreForm([CRITERION], { 'score-need': '5', 'comment-need': comment }), { complete: true }).length > 0 },
  { dto: ScoresDto, property: 'overallComment', page: 'scoring: overall comment', refuses: (overallComment) => scoreFormProblems([], readScoreForm([], { overallComment }), { complete: true }).length > 0 },
  { dto: RecordPaidDto, property: 'reference', page: 'award: payment', refuses: (reference) => paymentReferenceProblem(reference) !== null },
  { dto: ReviewReportDto, property: 'comment', page: 'award: report review', refuses: (comment) => reportReviewProblem(readReportReview({ outcome: 'returned', [reviewCommentField('r')]: comment }, 'r')) !== null },
  { dto: FileReportDto, property: 'narrative', page: 'report', refuses: (narrative) => reportFormProblems([], [], { spent: [], counts: [], narrative }).some((problem) => problem.field === NARRATIVE_FIELD) },
  { dto: LocalizedTextDto, property: 'en', page: 'call basics: title', refuses: (value) => basics('titleEn', value) },
  { dto: LocalizedTextDto, property: 'fr', page: 'call basics: description', refuses: (value) => basics('descriptionFr', value) },
  { dto: LabelDto, property: 'en', page: 'call form: section title', refuses: (value) => sectionFrom(readSection({ titleEn: value, titleFr: 'S' }), null, null).errors.length > 0 },
  { dto: LabelDto, property: 'fr', page: 'call form: question label', refuses: (value) => question('labelFr', value) },
  { dto: LabelDto, property: 'en', page: 'call lists: measure label', refuses: measureLabel },
  { dto: LabelDto, property: 'fr', page: 'call form: choice in French', refuses: (value) => parseOptions('Yes', value, []).errors.length > 0 },
  { dto: LabelDto, property: 'fr', page: 'call rubric: what a band of scores means', refuses: bandLabel },
];

const BOUNDS: Array<{ dto: new () => object; property: string; page: string; refuses: (value: number) => boolean }> = [
  { dto: BudgetLineDto, property: 'amountCents', page: 'application: budget line', refuses: (cents) => toBudget([{ fiscalYear: '2027-28', category: 'travel', description: 'Bus', amount: (cents / 100).toFixed(2) }]).problems.length > 0 },
  { dto: SpendingLineDto, property: 'spentCents', page: 'report: spending', refuses: (cents) => reportFormProblems([{ category: 'personnel', budgetCents: 0 }], [], { spent: [(cents / 100).toFixed(2)], counts: [], narrative: 'Done' }).length > 0 },
  { dto: CallTermsDto, property: 'disagreementThreshold', page: 'call basics', refuses: (value) => basics('disagreementThreshold', String(value)) },
];

describe('the pages take the JSON API’s limits', () => {
  it.each(LENGTHS.map((row) => [`${row.dto.name}.${row.property} ↔ ${row.page}`, row] as const))('%s', (_name, row) => {
    const text = row.text ?? ((length: number) => 'x'.repeat(length));
    const max = dtoLimit(row.dto, row.property, 'maxLength');
    expect({ atMax: row.refuses(text(max)), overMax: row.refuses(text(max + 1)) }).toEqual({ atMax: false, overMax: true });
    if (row.minimum) {
      const min = dtoLimit(row.dto, row.property, 'minLength');
      expect({ atMin: row.refuses(text(min)), underMin: row.refuses(text(min - 1)) }).toEqual({ atMin: false, underMin: true });
    }
  });

  it.each(BOUNDS.map((row) => [`${row.dto.name}.${row.property} ↔ ${row.page}`, row] as const))('%s', (_name, row) => {
    const max = dtoLimit(row.dto, row.property, 'max');
    const step = Number.isInteger(max) && max > 1000 ? 1 : 0.5;
    expect({ atMax: row.refuses(max), overMax: row.refuses(max + step) }).toEqual({ atMax: false, overMax: true });
  });

  it('counts a length as the API does: an emoji or a syllabic is one character', () => {
    const max = dtoLimit(UpdateApplicationDto, 'title', 'maxLength');
    for (const character of ['ᐊ', '🌲']) {
      expect(projectProblems({ title: character.repeat(max), summary: '' })).toEqual([]);
      expect(projectProblems({ title: character.repeat(max + 1), summary: '' })).toHaveLength(1);
    }
  });

  it('takes the email addresses the API takes, and no other', () => {
    const apiTakes = (email: string) => validateSync(plainToInstance(InviteMemberDto, { email, role: 'editor' })).length === 0;
    const addresses = ['amelie@example.org', 'a.b+grants@sub.example.ca', 'aiyana', 'a b@ontario.ca', '"a"@ontario.ca', 'a@ontario', 'a@b.c', 'a@@b.ca', 'é@exemple.ca', `${'a'.repeat(65)}@on.ca`, emailOfLength(254), emailOfLength(255)];
    expect(addresses.map((email) => ({ email, page: invitationFormProblems(email, 'editor').length === 0 }))).toEqual(addresses.map((email) => ({ email, page: apiTakes(email) })));
  });
});
