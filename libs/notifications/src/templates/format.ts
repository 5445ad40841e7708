export { formatDate, formatInstant, formatMoney } from '@grants/core';
