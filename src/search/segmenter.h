// Chinese text for search and similarity (DESIGN.md section 5), independent of any database:
// the SQLite FTS5 tokenizer and the PostgreSQL backend both build on it.
//
// Folding. Every code point is folded on its own: traditional Han → simplified (OpenCC's t2s
// applied to the character alone, so 會議 and 会议, 經濟 and 经济 become the same), Latin and other
// cased scripts → simple case folding (ICU), full-width ASCII (ＡＢＣ１２３) → ASCII. Folding one
// code point into one code point is what keeps every token's byte offsets pointing into the
// ORIGINAL text, which FTS5's highlight() and snippet() need. Phrase-level conversion (乾隆 vs 干)
// is deliberately not done: it would change lengths and offsets, and search only needs both
// spellings of a text to meet on the same tokens.
//
// Invalid UTF-8. Never an error: every byte that does not begin a well-formed sequence (overlong,
// surrogate, above U+10FFFF, truncated, stray continuation byte) is a separator, like a space,
// and never part of a word or token; offsets still count the bytes.
//
// Thread-safety. Every function may be called from any thread at once. The folding tables are
// built once per process on first use (about 60 ms, OpenCC data from /usr/share/opencc) and are
// immutable afterwards; ICU break iterators are per thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace plenum::search {

// Builds the folding tables now rather than on first use; fails if OpenCC's t2s data cannot be
// loaded (then folding leaves Han characters as they are, and search misses traditional text).
Status load_folding_tables();

// One code point folded as described above.
char32_t fold(char32_t c);

// The text with every code point folded; invalid bytes become U+FFFD. Same number of code points
// as valid input, not the same number of bytes.
std::string fold_text(std::string_view utf8);

// A word as ICU's dictionary-based word BreakIterator sees it in the folded text: Han words
// (会议, 高等教育 may be one or several words, as ICU's dictionary decides), Latin words and
// numbers. Punctuation, spaces and symbols are not words.
struct Word {
  std::string text;  // folded
  size_t start = 0;  // byte offsets into the original text: [start, end)
  size_t end = 0;
  bool ideographic = false;  // Han or kana, as opposed to letters of spaced scripts and numbers
};

std::vector<Word> words(std::string_view utf8);

// Words that say nothing about a text's topic (的, 了, 和, 我们, 进行, ...), folded form. Query
// parsing leaves them out of AND lists and similarity ignores them.
bool is_function_word(std::string_view folded_word);

// ----- The index token stream (FTS5 tokenizer, PostgreSQL tsvector) -----
//
// Han and kana are indexed per character so that any substring can be found whatever ICU's
// dictionary thinks the words are. Each character of a run takes one position, where up to
// three tokens sit together: its unigram (会), the bigram it starts (会议) and the bigram it
// ends, marked with kBigramEndMark (大会>). Runs of letters or digits (Latin words, numbers)
// take one position each; separators take none.
//
// In kQuery mode (the text of one phrase to look for), a run of one character is its unigram
// and a run of n ≥ 2 characters is its n−1 successive bigrams, one position each; a phrase of
// one bigram is a single token, which FTS5 matches without comparing positions, and bigram
// posting lists are short where those of common characters (的, 会) are long. Such a phrase
// covers one position fewer than the word has characters, so highlight() would leave the last
// character unmarked: query.h therefore requires, next to each phrase that ends in a bigram,
// the end mark of that bigram as a phrase of its own (教育 → "教育" AND "教育>"). A query text
// that is exactly one bigram followed by kBigramEndMark is that end mark alone. The end mark
// occurs exactly where the bigram does, so it changes no result, only what gets highlighted.
constexpr std::string_view kBigramEndMark = ">";

enum class TokenMode { kDocument, kQuery };

enum class TokenKind { kUnigram, kBigram, kBigramEnd, kWord };

struct IndexToken {
  std::string_view text;  // folded; valid only during the callback
  size_t start = 0;       // byte offsets into the original text: [start, end)
  size_t end = 0;
  bool colocated = false;  // at the same position as the previous token
  TokenKind kind = TokenKind::kWord;
};

class TokenSink {
 public:
  virtual ~TokenSink() = default;
  // A non-zero return stops the stream and is returned by tokenize().
  virtual int on_token(const IndexToken& token) = 0;
};

int tokenize(std::string_view utf8, TokenMode mode, TokenSink& sink);

// The tokens' texts, in order (colocated ones included), for tests and diagnostics.
std::vector<std::string> token_texts(std::string_view utf8, TokenMode mode);

// True if the text yields at least one index token (a phrase made of it can match something).
bool has_tokens(std::string_view utf8);

// The end-mark token ("教育>") of the bigram that ends the text's query tokens, or "" if its
// last token is not a bigram (a single character, a Latin word, nothing).
std::string final_bigram_end_mark(std::string_view utf8);

}  // namespace plenum::search
