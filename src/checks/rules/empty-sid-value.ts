import { emptyElementRule } from './empty-element.js';

export const emptySidValue = emptyElementRule('EMPTY_SID_VALUE', 'Sid', 'string', 'an empty Sid identifies nothing.');
