#include "search/segmenter.h"

#include <algorithm>
#include <exception>
#include <memory>
#include <opencc/opencc.h>
#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unordered_map>

namespace plenum::search {
namespace {

enum CharClass : uint8_t {
  kSeparator = 0,
  kIdeograph = 1,  // Han and kana: written without spaces, indexed per character
  kWordChar = 2,   // letters, digits and marks of everything else: indexed per run
};

constexpr char32_t kReplacement = 0xFFFD;

// Appends the UTF-8 encoding of a valid code point.
void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// Decodes the code point starting at p[i]. Returns -1 for a byte that does not begin a
// well-formed sequence (overlong, surrogate, above U+10FFFF, truncated); *len is then 1, so
// the next call resynchronises on the following byte.
int32_t decode_utf8(const unsigned char* p, size_t n, size_t i, size_t* len) {
  unsigned char c = p[i];
  *len = 1;
  if (c < 0x80) return c;
  size_t need;
  uint32_t cp;
  if (c >= 0xC2 && c <= 0xDF) {
    need = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    need = 3;
    cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 4;
    cp = c & 0x07;
  } else
    return -1;
  if (i + need > n) return -1;
  for (size_t k = 1; k < need; ++k) {
    if ((p[i + k] & 0xC0) != 0x80) return -1;
    cp = (cp << 6) | (p[i + k] & 0x3F);
  }
  if ((need == 3 && cp < 0x800) || (need == 4 && cp < 0x10000)) return -1;  // overlong
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return -1;
  *len = need;
  return static_cast<int32_t>(cp);
}

uint8_t classify(char32_t c) {
  UChar32 u = static_cast<UChar32>(c);
  if (u_hasBinaryProperty(u, UCHAR_IDEOGRAPHIC)) return kIdeograph;
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode script = uscript_getScript(u, &status);
  bool letter = u_isalpha(u);
  if (letter && (script == USCRIPT_HAN || script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA)) return kIdeograph;
  if (letter || u_isdigit(u) || (U_GET_GC_MASK(u) & U_GC_M_MASK)) return kWordChar;
  return kSeparator;
}

// Case folding and full-width ASCII, everything but Han.
char32_t fold_non_han(char32_t c) {
  if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;  // ＡＢＣ１２３ → ABC123
  return static_cast<char32_t>(u_foldCase(static_cast<UChar32>(c), U_FOLD_CASE_DEFAULT));
}

// Immutable after construction: shared by every thread without locks.
struct Tables {
  std::vector<char32_t> bmp_fold;                      // indexed by code point < 0x10000
  std::vector<uint8_t> bmp_class;                      // class of the folded code point
  std::unordered_map<char32_t, char32_t> astral_fold;  // only the entries that change
  std::string error;                                   // why OpenCC could not be used, if it could not

  char32_t fold(char32_t c) const {
    if (c < 0x10000) return bmp_fold[c];
    auto it = astral_fold.find(c);
    return it == astral_fold.end() ? c : it->second;
  }
};

// Every assigned ideograph goes through OpenCC's t2s once, one per line: a line holds a single
// character, so no phrase rule can apply and the result is the character's own conversion.
void add_traditional_to_simplified(Tables& t) {
  std::vector<char32_t> chars;
  auto range = [&](char32_t from, char32_t to) {
    for (char32_t c = from; c <= to; ++c)
      if (u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_IDEOGRAPHIC)) chars.push_back(c);
  };
  range(0x3400, 0x4DBF);
  range(0x4E00, 0x9FFF);
  range(0xF900, 0xFAFF);
  range(0x20000, 0x2FFFF);
  std::string input;
  input.reserve(chars.size() * 5);
  for (char32_t c : chars) {
    append_utf8(input, c);
    input += '\n';
  }
  std::string output;
  try {
    // The bare name is found in OpenCC's data directory; the full path covers builds of OpenCC
    // that do not search it.
    std::unique_ptr<opencc::SimpleConverter> converter;
    try {
      converter = std::make_unique<opencc::SimpleConverter>("t2s.json");
    } catch (const std::exception&) {
      converter = std::make_unique<opencc::SimpleConverter>("/usr/share/opencc/t2s.json");
    }
    output = converter->Convert(input);
  } catch (const std::exception& e) {
    t.error = std::string("OpenCC t2s: ") + e.what();
    return;
  }
  const auto* p = reinterpret_cast<const unsigned char*>(output.data());
  size_t pos = 0;
  for (char32_t from : chars) {
    size_t eol = output.find('\n', pos);
    if (eol == std::string::npos) {
      t.error = "OpenCC t2s: output has fewer lines than input";
      return;
    }
    size_t len = 0;
    int32_t to = pos < eol ? decode_utf8(p, eol, pos, &len) : -1;
    // Only one-character results are used: anything else would move offsets.
    if (to > 0 && pos + len == eol && static_cast<char32_t>(to) != from) {
      if (from < 0x10000)
        t.bmp_fold[from] = static_cast<char32_t>(to);
      else
        t.astral_fold[from] = static_cast<char32_t>(to);
    }
    pos = eol + 1;
  }
}

Tables build_tables() {
  Tables t;
  t.bmp_fold.resize(0x10000);
  t.bmp_class.resize(0x10000);
  for (char32_t c = 0; c < 0x10000; ++c) t.bmp_fold[c] = fold_non_han(c);
  add_traditional_to_simplified(t);
  // Folding must be idempotent (the query side folds text that is already folded): follow
  // chains such as A → B → C to their end.
  for (char32_t c = 0; c < 0x10000; ++c) {
    char32_t f = t.bmp_fold[c];
    for (int hop = 0; hop < 4; ++hop) {
      char32_t g = t.fold(f);
      if (g == f) break;
      f = g;
    }
    t.bmp_fold[c] = f;
  }
  for (auto& [from, to] : t.astral_fold) {
    for (int hop = 0; hop < 4; ++hop) {
      char32_t g = t.fold(to);
      if (g == to) break;
      to = g;
    }
  }
  for (char32_t c = 0; c < 0x10000; ++c)
    t.bmp_class[c] = (c >= 0xD800 && c <= 0xDFFF) ? uint8_t{kSeparator} : classify(t.bmp_fold[c]);
  return t;
}

const Tables& tables() {
  static const Tables t = build_tables();  // thread-safe lazy initialisation
  return t;
}

// One decoded, folded code point of the original text.
struct Char {
  char32_t folded = kReplacement;
  uint8_t cls = kSeparator;
  size_t start = 0;
  size_t end = 0;
};

// Walks the text code point by code point.
class CharReader {
 public:
  explicit CharReader(std::string_view s)
      : p_(reinterpret_cast<const unsigned char*>(s.data())), n_(s.size()), t_(tables()) {}
  bool next(Char* ch) {
    if (i_ >= n_) return false;
    size_t len;
    int32_t c = decode_utf8(p_, n_, i_, &len);
    ch->start = i_;
    ch->end = i_ + len;
    i_ += len;
    if (c < 0) {
      ch->folded = kReplacement;
      ch->cls = kSeparator;
    } else if (c < 0x10000) {
      ch->folded = t_.bmp_fold[c];
      ch->cls = t_.bmp_class[c];
    } else {
      ch->folded = t_.fold(static_cast<char32_t>(c));
      ch->cls = classify(ch->folded);
    }
    return true;
  }

 private:
  const unsigned char* p_;
  size_t n_;
  size_t i_ = 0;
  const Tables& t_;
};

// A spaced-script word longer than this is cut: FTS5 and tsvector both limit token sizes, and
// nobody searches for a 64-letter word.
constexpr size_t kMaxWordChars = 64;

class Tokenizer {
 public:
  Tokenizer(TokenMode mode, TokenSink& sink) : mode_(mode), sink_(sink) {}

  int feed(const Char& c) {
    int rc = 0;
    if (c.cls != kWordChar && word_chars_ > 0) rc = end_word();
    if (rc == 0 && c.cls != kIdeograph && in_run()) rc = end_run(false);
    if (rc != 0) return rc;
    if (c.cls == kIdeograph) return add_ideograph(c);
    if (c.cls == kWordChar) {
      if (word_chars_ == 0) word_start_ = c.start;
      append_utf8(word_, c.folded);
      word_end_ = c.end;
      if (++word_chars_ == kMaxWordChars) return end_word();
    }
    return 0;
  }

  int finish() {
    int rc = word_chars_ > 0 ? end_word() : 0;
    if (rc == 0 && in_run()) rc = end_run(true);
    return rc;
  }

 private:
  int emit(size_t start, size_t end, bool colocated, TokenKind kind) {
    IndexToken t;
    t.text = text_;
    t.start = start;
    t.end = end;
    t.colocated = colocated;
    t.kind = kind;
    return sink_.on_token(t);
  }

  int unigram(const Char& a) {
    text_.clear();
    append_utf8(text_, a.folded);
    return emit(a.start, a.end, false, TokenKind::kUnigram);
  }

  int bigram(const Char& a, const Char& b, bool colocated, bool ending) {
    text_.clear();
    append_utf8(text_, a.folded);
    append_utf8(text_, b.folded);
    if (ending) text_ += kBigramEndMark;
    return emit(a.start, b.end, colocated, ending ? TokenKind::kBigramEnd : TokenKind::kBigram);
  }

  // Document mode: everything at the position of character `at`, whose neighbours are prev_ (if
  // has_prev_) and `next` (if any).
  int position(const Char& at, const Char* next) {
    int rc = unigram(at);
    if (rc == 0 && has_prev_) rc = bigram(prev_, at, true, true);
    if (rc == 0 && next) rc = bigram(at, *next, true, false);
    return rc;
  }

  int add_ideograph(const Char& c) {
    if (mode_ == TokenMode::kQuery) {
      run_.push_back(c);
      return 0;
    }
    // Document: the pending character's position can be written once its successor is known.
    int rc = 0;
    if (has_pending_) {
      rc = position(pending_, &c);
      prev_ = pending_;
      has_prev_ = true;
    }
    pending_ = c;
    has_pending_ = true;
    return rc;
  }

  bool in_run() const { return mode_ == TokenMode::kQuery ? !run_.empty() : has_pending_; }

  // `last`: nothing follows in the query text. A run of n ≥ 2 characters is n − 1 bigrams;
  // inside a phrase whatever follows sits at the run's n-th position, so the run then ends with
  // its end mark, which takes that position as in the document. (A run that ends the text gets
  // its end mark ANDed by the query builder instead: query.h.)
  int end_run(bool last) {
    int rc = 0;
    if (mode_ == TokenMode::kDocument) {
      rc = position(pending_, nullptr);
      has_pending_ = has_prev_ = false;
    } else if (run_.size() == 1) {
      rc = unigram(run_[0]);
    } else {
      for (size_t i = 0; rc == 0 && i + 1 < run_.size(); ++i) rc = bigram(run_[i], run_[i + 1], false, false);
      if (rc == 0 && !last) rc = bigram(run_[run_.size() - 2], run_.back(), false, true);
    }
    run_.clear();
    return rc;
  }

  int end_word() {
    text_.swap(word_);
    int rc = emit(word_start_, word_end_, false, TokenKind::kWord);
    text_.swap(word_);
    word_.clear();
    word_chars_ = 0;
    return rc;
  }

  TokenMode mode_;
  TokenSink& sink_;
  std::vector<Char> run_;  // query mode: the run so far
  Char prev_, pending_;    // document mode: the last two characters of the run
  bool has_prev_ = false;
  bool has_pending_ = false;
  std::string word_;
  size_t word_chars_ = 0;
  size_t word_start_ = 0;
  size_t word_end_ = 0;
  std::string text_;
};

class Collector : public TokenSink {
 public:
  int on_token(const IndexToken& t) override {
    texts.emplace_back(t.text);
    return 0;
  }
  std::vector<std::string> texts;
};

class FirstToken : public TokenSink {
 public:
  int on_token(const IndexToken&) override { return 1; }
};

// Words without ICU (only if its break iterator cannot be created): maximal runs of
// non-separators.
std::vector<Word> words_by_runs(std::string_view utf8) {
  std::vector<Word> out;
  CharReader reader(utf8);
  Char c;
  Word w;
  uint8_t cls = kSeparator;
  auto flush = [&] {
    if (!w.text.empty()) out.push_back(std::move(w));
    w = Word{};
  };
  while (reader.next(&c)) {
    if (c.cls != cls) flush();
    cls = c.cls;
    if (c.cls == kSeparator) continue;
    if (w.text.empty()) w.start = c.start;
    append_utf8(w.text, c.folded);
    w.end = c.end;
    w.ideographic = c.cls == kIdeograph;
  }
  flush();
  return out;
}

icu::BreakIterator* thread_word_iterator() {
  thread_local std::unique_ptr<icu::BreakIterator> it;
  thread_local bool tried = false;
  if (!tried) {
    tried = true;
    UErrorCode status = U_ZERO_ERROR;
    it.reset(icu::BreakIterator::createWordInstance(icu::Locale("zh"), status));
    if (U_FAILURE(status)) it.reset();
  }
  return it.get();
}

}  // namespace

Status load_folding_tables() {
  const Tables& t = tables();
  if (!t.error.empty())
    return make_error(ErrorCode::kInternal, "无法加载繁简转换数据：" + t.error,
                      "cannot load the traditional-to-simplified data: " + t.error);
  return Status::ok();
}

char32_t fold(char32_t c) { return tables().fold(c); }

std::string fold_text(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  CharReader reader(utf8);
  Char c;
  while (reader.next(&c)) append_utf8(out, c.folded);
  return out;
}

std::vector<Word> words(std::string_view utf8) {
  icu::BreakIterator* it = thread_word_iterator();
  if (!it || utf8.size() > (1u << 30)) return words_by_runs(utf8);

  // The folded text in UTF-16 for ICU, and for each UTF-16 unit where its code point starts in
  // the original and in the folded UTF-8.
  std::u16string u16;
  std::vector<size_t> original_at;
  std::vector<size_t> folded_at;
  std::string folded;
  u16.reserve(utf8.size());
  original_at.reserve(utf8.size() + 1);
  folded_at.reserve(utf8.size() + 1);
  folded.reserve(utf8.size());
  CharReader reader(utf8);
  Char c;
  while (reader.next(&c)) {
    // Invalid bytes (folded to U+FFFD) become spaces: a separator to ICU as well.
    char32_t f = c.folded == kReplacement ? U' ' : c.folded;
    original_at.push_back(c.start);
    folded_at.push_back(folded.size());
    if (f < 0x10000) {
      u16 += static_cast<char16_t>(f);
    } else {
      u16 += static_cast<char16_t>(0xD7C0 + (f >> 10));
      u16 += static_cast<char16_t>(0xDC00 | (f & 0x3FF));
      original_at.push_back(c.start);
      folded_at.push_back(folded.size());
    }
    append_utf8(folded, f);
  }
  original_at.push_back(utf8.size());
  folded_at.push_back(folded.size());

  icu::UnicodeString text(false, u16.data(), static_cast<int32_t>(u16.size()));  // read-only alias
  it->setText(text);
  std::vector<Word> out;
  int32_t start = it->first();
  for (int32_t end = it->next(); end != icu::BreakIterator::DONE; start = end, end = it->next()) {
    int32_t status = it->getRuleStatus();
    if (status < UBRK_WORD_NUMBER || status >= UBRK_WORD_IDEO_LIMIT) continue;  // not a word
    Word w;
    w.text = folded.substr(folded_at[start], folded_at[end] - folded_at[start]);
    w.start = original_at[start];
    w.end = original_at[end];
    w.ideographic = status >= UBRK_WORD_KANA;
    out.push_back(std::move(w));
  }
  // The iterator keeps a reference to the text: leave it on one that outlives this call.
  static const icu::UnicodeString kNoText;
  it->setText(kNoText);
  return out;
}

bool is_function_word(std::string_view w) {
  // Particles, pronouns, conjunctions and prepositions only: words such as 工作 or 建议 are
  // frequent in proposals but can be what someone searches for (similarity discounts them by
  // their document frequency instead). Sorted for binary search.
  static const std::vector<std::string_view> kWords = [] {
    std::vector<std::string_view> v = {
        "的",   "了",   "和",   "与",   "及",   "在",   "是",   "对",   "为",   "把",   "被",   "将",   "从",
        "向",   "以",   "于",   "而",   "并",   "或",   "也",   "都",   "就",   "还",   "又",   "之",   "其",
        "这",   "那",   "等",   "着",   "过",   "所",   "由",   "给",   "但",   "则",   "即",   "该",   "此",
        "我",   "你",   "他",   "她",   "它",   "们",   "我们", "你们", "他们", "她们", "它们", "以及", "进行",
        "通过", "一个", "这个", "那个", "这些", "那些", "因此", "但是", "如果", "已经", "可以", "没有", "对于",
        "关于", "由于", "因为", "所以", "并且", "而且", "或者", "其中", "之一", "the",  "a",    "an",   "of",
        "and",  "or",   "to",   "in",   "on",   "for",  "is",   "are",  "be",   "by"};
    std::sort(v.begin(), v.end());
    return v;
  }();
  return std::binary_search(kWords.begin(), kWords.end(), w);
}

namespace {

// A query text that is one bigram and the end mark ("教育>"): the two characters, or false.
bool is_end_mark_query(std::string_view utf8, Char* first, Char* second) {
  if (utf8.size() <= kBigramEndMark.size() || utf8.substr(utf8.size() - kBigramEndMark.size()) != kBigramEndMark)
    return false;
  CharReader reader(utf8.substr(0, utf8.size() - kBigramEndMark.size()));
  Char extra;
  return reader.next(first) && first->cls == kIdeograph && reader.next(second) && second->cls == kIdeograph &&
         !reader.next(&extra);
}

}  // namespace

int tokenize(std::string_view utf8, TokenMode mode, TokenSink& sink) {
  Char a, b;
  if (mode == TokenMode::kQuery && is_end_mark_query(utf8, &a, &b)) {
    std::string text;
    append_utf8(text, a.folded);
    append_utf8(text, b.folded);
    text += kBigramEndMark;
    IndexToken t;
    t.text = text;
    t.start = a.start;
    t.end = b.end;
    t.kind = TokenKind::kBigramEnd;
    return sink.on_token(t);
  }
  Tokenizer tokenizer(mode, sink);
  CharReader reader(utf8);
  Char c;
  while (reader.next(&c)) {
    if (int rc = tokenizer.feed(c); rc != 0) return rc;
  }
  return tokenizer.finish();
}

std::vector<std::string> token_texts(std::string_view utf8, TokenMode mode) {
  Collector collector;
  tokenize(utf8, mode, collector);
  return std::move(collector.texts);
}

bool has_tokens(std::string_view utf8) {
  FirstToken first;
  return tokenize(utf8, TokenMode::kQuery, first) != 0;
}

std::string final_bigram_end_mark(std::string_view utf8) {
  class Last : public TokenSink {
   public:
    int on_token(const IndexToken& t) override {
      bigram = t.kind == TokenKind::kBigram;
      if (bigram) text.assign(t.text);
      return 0;
    }
    bool bigram = false;
    std::string text;
  } last;
  tokenize(utf8, TokenMode::kQuery, last);
  return last.bigram ? last.text + std::string(kBigramEndMark) : std::string();
}

}  // namespace plenum::search
