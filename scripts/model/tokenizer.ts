/**
 * Hugging Face `tokenizer.json` / `tokenizer_config.json` for a whole-word WordPiece
 * tokenizer (BERT-uncased style normalisation and pre-tokenisation).
 *
 * The vocabulary holds whole words only (no "##" pieces), so WordPiece either finds a word
 * verbatim or maps the whole word to [UNK] — exactly a word-lookup table.
 */

export const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]'] as const;

/**
 * True if BertNormalizer + BertPreTokenizer can ever emit `word` as a single token that is
 * worth a vocabulary slot. The BERT pre-tokeniser splits on whitespace and on every
 * punctuation character, and the normaliser lowercases and strips accents, so GloVe
 * entries such as "u.s.", "'s", "e-mail" or "café" can never be produced and are skipped.
 * Punctuation-only tokens ("," "(" "$" …) are skipped too: they carry no meaning for
 * search, so they fall through to [UNK], whose vector is zero.
 */
export function isTokenizableWord(word: string): boolean {
  return /^[a-z0-9]+$/.test(word);
}

export function buildTokenizerJson(vocab: readonly string[]): object {
  for (let i = 0; i < SPECIAL_TOKENS.length; i++) {
    if (vocab[i] !== SPECIAL_TOKENS[i]) throw new Error(`vocab[${i}] must be ${SPECIAL_TOKENS[i]}`);
  }
  const ids: Record<string, number> = {};
  vocab.forEach((token, id) => {
    if (Object.prototype.hasOwnProperty.call(ids, token)) throw new Error(`duplicate token ${token}`);
    ids[token] = id;
  });
  const special = (id: '[CLS]' | '[SEP]') => ({ id, ids: [ids[id]], tokens: [id] });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((content, id) => ({
      id,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null, // null = follow `lowercase`, i.e. strip accents ("résumé" → "resume")
      lowercase: true,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: { '[CLS]': special('[CLS]'), '[SEP]': special('[SEP]') },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: ids,
    },
  };
}

export function buildTokenizerConfig(modelMaxLength: number): object {
  return {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    strip_accents: null,
    tokenize_chinese_chars: true,
    clean_up_tokenization_spaces: true,
    model_max_length: modelMaxLength,
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    added_tokens_decoder: Object.fromEntries(
      SPECIAL_TOKENS.map((content, id) => [
        String(id),
        { content, lstrip: false, normalized: false, rstrip: false, single_word: false, special: true },
      ]),
    ),
  };
}
