import { emptyElementRule } from './empty-element.js';

export const emptyArrayPrincipal = emptyElementRule('EMPTY_ARRAY_PRINCIPAL', 'Principal', 'array', 'the statement applies to nobody.');
