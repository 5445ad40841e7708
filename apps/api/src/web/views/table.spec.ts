import { html } from '@grants/notifications';
import { stackTables } from './table';

describe('stackTables: wide tables become stacked rows on a phone, each cell under its heading', () => {
  const budget = html`<div class="ontario-table-container"><table class="web-table">
  <caption>Budget</caption>
  <thead><tr><th scope="col">Fiscal year</th><th scope="col">Category <span class="ontario-show-for-sr">(${'R&D'})</span></th><th scope="col" class="web-number">Amount</th></tr></thead>
  <tbody><tr><th scope="row">2027-28</th><td>Training</td><td class="web-number">$1.00</td></tr></tbody>
  <tfoot><tr><th scope="row" colspan="2">Total</th><td class="web-number">$1.00</td></tr></tfoot>
</table></div>`;

  it('labels every cell of the body and the footer with its column heading, as escaped text', () => {
    const out = stackTables(budget).value;
    expect(out).toContain('<table class="web-table web-table--stacked">');
    expect(out).toContain('<tr><th scope="row" data-label="Fiscal year">2027-28</th><td data-label="Category (R&amp;D)">Training</td><td class="web-number" data-label="Amount">$1.00</td></tr>');
    // The total's heading spans two columns and is no column's value; the amount under it still is.
    expect(out).toContain('<tr><th scope="row" colspan="2">Total</th><td class="web-number" data-label="Amount">$1.00</td></tr>');
    // The headings themselves are left as they are.
    expect(out).toContain('<thead><tr><th scope="col">Fiscal year</th>');
  });

  it('leaves a table of two columns, a table without headings and the rest of the page as they are', () => {
    const page = html`<p>Before</p><table class="web-table"><thead><tr><th scope="col">Measure</th><th scope="col">Count</th></tr></thead><tbody><tr><td>Beds</td><td>6</td></tr></tbody></table>
<table class="web-table"><tbody><tr><td>a</td><td>b</td><td>c</td></tr></tbody></table><p>After</p>`;
    expect(stackTables(page).value).toBe(page.value);
  });

  it('labels each table with its own headings, and keeps a label a template gave', () => {
    const two = html`${budget}<table class="web-table"><thead><tr><th>Name</th><th>Email</th><th>Roles</th></tr></thead><tbody><tr><td data-label="Who">Ada</td><td>ada@example.org</td><td>Admin</td></tr></tbody></table>`;
    const out = stackTables(two).value;
    expect(out).toContain('<td data-label="Category (R&amp;D)">Training</td>');
    expect(out).toContain('<tr><td data-label="Who">Ada</td><td data-label="Email">ada@example.org</td><td data-label="Roles">Admin</td></tr>');
  });
});
