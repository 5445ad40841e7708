import { DEMO_CBSF_CALL_ID } from '@grants/calls';
import { DataSource } from 'typeorm';

/** Organizations with an owner each, and a decided application of the demo CBSF call; returns the owners' addresses (`<label>-<n>@bench.example.org`). */
export async function seedDecisions(dataSource: DataSource, count: number, label = 'owner'): Promise<string[]> {
  return dataSource.transaction(async (manager) => {
    const [officer] = (await manager.query(`SELECT id FROM user_account WHERE email = 'officer@example.org'`)) as Array<{ id: string }>;
    const addresses: string[] = [];
    for (let index = 1; index <= count; index++) {
      const email = `${label}-${index}@bench.example.org`;
      const french = index % 2 === 0;
      const [organization] = (await manager.query(
        `INSERT INTO organization (legal_name, type, region, address_line1, address_city, address_postal_code, indigenous_led, preferred_language)
         VALUES ($1, 'non_profit', 'toronto', '1 Main Street', 'Toronto', 'M5H 2N2', false, $2) RETURNING id`,
        [french ? `Refuge communautaire nº ${index}` : `Community Refuge No. ${index}`, french ? 'fr' : 'en'],
      )) as Array<{ id: string }>;
      const [user] = (await manager.query(`INSERT INTO user_account (email, name, locale, email_verified_at) VALUES ($1, $2, 'en', now()) RETURNING id`, [email, `Owner ${index}`])) as Array<{ id: string }>;
      await manager.query(`INSERT INTO organization_member (organization_id, user_id, role) VALUES ($1, $2, 'owner')`, [organization!.id, user!.id]);
      const [application] = (await manager.query(
        `INSERT INTO application (call_id, organization_id, status, title, summary, answers, reference_number, submitted_at, created_by, version)
         VALUES ($1, $2, $3, 'Safe homes', '', '{}', $4, now(), $5, 3) RETURNING id`,
        [DEMO_CBSF_CALL_ID, organization!.id, index % 3 === 0 ? 'declined' : 'approved', `CBSF-2026-${String(index).padStart(4, '0')}`, user!.id],
      )) as Array<{ id: string }>;
      for (const [position, fiscalYear] of ['2027-28', '2028-29'].entries()) {
        await manager.query(`INSERT INTO application_budget_line (application_id, position, fiscal_year, category, description, amount_cents) VALUES ($1, $2, $3, 'personnel', 'Navigators', 4250000)`, [application!.id, position, fiscalYear]);
      }
      const approved = index % 3 !== 0;
      await manager.query(
        `INSERT INTO application_decision (application_id, outcome, approved_cents, conditions, rationale, feedback, decided_by) VALUES ($1, $2, $3, $4, 'Bench', $5, $6)`,
        [application!.id, approved ? 'approved' : 'declined', approved ? 8_500_000 : null, approved ? 'Quarterly check-ins.' : '', approved ? null : 'Strong community support.', officer!.id],
      );
      addresses.push(email);
    }
    return addresses;
  });
}
