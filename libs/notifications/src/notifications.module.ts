import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EmailAcceptanceLedger } from './email-acceptance-ledger';
import { EmailDeliveryEntity } from './email-delivery.entity';
import { MailTransport } from './mail-transport';
import { NotificationService } from './notification.service';
import { SendEmailHandler } from './send-email.handler';

/** What the API side needs: asking for emails. */
@Module({
  providers: [NotificationService],
  exports: [NotificationService],
})
export class NotificationsModule {}

/** What the worker needs: rendering and sending them. */
@Module({
  imports: [TypeOrmModule.forFeature([EmailDeliveryEntity])],
  providers: [EmailAcceptanceLedger, MailTransport, SendEmailHandler],
})
export class NotificationsWorkerModule {}
