// The office's views are built where its queries are answered (libs/application); the audit read side uses them too.
export { historyEntry, officeDetail } from '@liaison/application';
