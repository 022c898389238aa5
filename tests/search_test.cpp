// Chinese search: folding and segmentation (src/search), the plenum_chinese FTS5 tokenizer and
// the similar-proposal lookup (src/store/sqlite), on in-memory databases.
#include <sqlite3.h>

#include <algorithm>
#include <gtest/gtest.h>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "search/query.h"
#include "search/segmenter.h"
#include "search/similarity.h"
#include "store/sqlite/chinese_tokenizer.h"
#include "store/sqlite/similar_search.h"

namespace plenum::search {
namespace {

using store::sqlite::register_chinese_tokenizer;
using Strings = std::vector<std::string>;
using Rowids = std::vector<int64_t>;

class MemoryDb {
 public:
  MemoryDb() {
    EXPECT_EQ(sqlite3_open(":memory:", &db_), SQLITE_OK);
    register_chinese_tokenizer(db_);
  }
  ~MemoryDb() { sqlite3_close(db_); }
  sqlite3* raw() { return db_; }

  void exec(const std::string& sql) {
    char* err = nullptr;
    int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
    EXPECT_EQ(rc, SQLITE_OK) << (err ? err : "") << " in " << sql;
    sqlite3_free(err);
  }

  // Runs `sql` with text parameters; returns column 0 of every row as text. Fails the test on
  // any SQLite error.
  Strings column(const std::string& sql, const Strings& params = {}) {
    sqlite3_stmt* stmt = nullptr;
    Strings out;
    int rc = sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr);
    EXPECT_EQ(rc, SQLITE_OK) << sqlite3_errmsg(db_) << " in " << sql;
    if (rc != SQLITE_OK) return out;
    for (size_t i = 0; i < params.size(); ++i)
      sqlite3_bind_text(stmt, static_cast<int>(i + 1), params[i].data(), static_cast<int>(params[i].size()),
                        SQLITE_TRANSIENT);
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
      out.emplace_back(p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt, 0))) : "");
    }
    EXPECT_EQ(rc, SQLITE_DONE) << sqlite3_errmsg(db_) << " in " << sql;
    sqlite3_finalize(stmt);
    return out;
  }

  Rowids rowids(const std::string& sql, const Strings& params = {}) {
    Rowids out;
    for (const std::string& s : column(sql, params)) out.push_back(std::stoll(s));
    return out;
  }

  // The rows of table t matching what a user typed, best first.
  Rowids search(const std::string& user_text) {
    std::string match = fts5_match_expression(user_text);
    if (match.empty()) return {};
    return rowids("SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY rank, rowid", {match});
  }
  Rowids search_sorted(const std::string& user_text) {
    Rowids r = search(user_text);
    std::sort(r.begin(), r.end());
    return r;
  }

  void insert(int64_t rowid, const std::string& title, const std::string& body) {
    sqlite3_stmt* stmt = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db_, "INSERT INTO t(rowid, title, body) VALUES(?1, ?2, ?3)", -1, &stmt, nullptr),
              SQLITE_OK);
    sqlite3_bind_int64(stmt, 1, rowid);
    sqlite3_bind_text(stmt, 2, title.data(), static_cast<int>(title.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 3, body.data(), static_cast<int>(body.size()), SQLITE_TRANSIENT);
    EXPECT_EQ(sqlite3_step(stmt), SQLITE_DONE) << sqlite3_errmsg(db_);
    sqlite3_finalize(stmt);
  }

 private:
  sqlite3* db_ = nullptr;
};

class SearchFts5 : public ::testing::Test {
 protected:
  void SetUp() override { db.exec("CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='plenum_chinese')"); }
  MemoryDb db;
};

// ----- Folding and segmentation -----

TEST(SearchSegmenter, FoldsTraditionalCaseAndFullWidth) {
  ASSERT_TRUE(load_folding_tables().is_ok());
  EXPECT_EQ(fold_text("會議經濟發展"), "会议经济发展");
  EXPECT_EQ(fold_text("会议经济发展"), "会议经济发展");
  EXPECT_EQ(fold_text("COVID Straße ＡＢＣ１２３"), "covid straße abc123");
  EXPECT_EQ(fold(U'國'), U'国');
  EXPECT_EQ(fold(U'国'), U'国');
}

TEST(SearchSegmenter, WordsCarryOffsetsIntoTheOriginal) {
  std::string text = "關於發展經濟的會議，COVID-19 疫情";
  std::vector<Word> ws = words(text);
  Strings folded;
  for (const Word& w : ws) folded.push_back(w.text);
  // No punctuation or spaces among the words; Latin folded; numbers kept.
  for (const std::string& w : folded) {
    EXPECT_NE(w, "，");
    EXPECT_NE(w, "-");
    EXPECT_NE(w, " ");
  }
  auto find = [&](const std::string& f) -> const Word* {
    for (const Word& w : ws)
      if (w.text == f) return &w;
    return nullptr;
  };
  const Word* economy = find("经济");
  ASSERT_NE(economy, nullptr) << ::testing::PrintToString(folded);
  EXPECT_EQ(text.substr(economy->start, economy->end - economy->start), "經濟");
  EXPECT_TRUE(economy->ideographic);
  const Word* covid = find("covid");
  ASSERT_NE(covid, nullptr) << ::testing::PrintToString(folded);
  EXPECT_EQ(text.substr(covid->start, covid->end - covid->start), "COVID");
  EXPECT_FALSE(covid->ideographic);
  EXPECT_NE(find("19"), nullptr);
}

TEST(SearchSegmenter, IndexTokensAreCharactersWithColocatedBigrams) {
  EXPECT_EQ(token_texts("會議A1，教育", TokenMode::kDocument),
            (Strings{"会", "会议", "议", "会议>", "a1", "教", "教育", "育", "教育>"}));
  EXPECT_EQ(token_texts("大会议", TokenMode::kDocument), (Strings{"大", "大会", "会", "大会>", "会议", "议", "会议>"}));
  EXPECT_EQ(token_texts("会", TokenMode::kQuery), (Strings{"会"}));
  EXPECT_EQ(token_texts("會議", TokenMode::kQuery), (Strings{"会议"}));
  EXPECT_EQ(token_texts("义务教育", TokenMode::kQuery), (Strings{"义务", "务教", "教育"}));
  EXPECT_EQ(token_texts("GDP增长", TokenMode::kQuery), (Strings{"gdp", "增长"}));
  EXPECT_EQ(token_texts("教育>", TokenMode::kQuery), (Strings{"教育>"}));  // the end mark alone
  // Inside a phrase a run followed by more text ends with its end mark, which holds the run's
  // last position so the next token lines up as in the document.
  EXPECT_EQ(token_texts("教育>x", TokenMode::kQuery), (Strings{"教育", "教育>", "x"}));
  EXPECT_EQ(token_texts("编号100002", TokenMode::kQuery), (Strings{"编号", "编号>", "100002"}));
  EXPECT_EQ(final_bigram_end_mark("义务教育"), "教育>");
  EXPECT_EQ(final_bigram_end_mark("增长GDP"), "");
  EXPECT_EQ(final_bigram_end_mark("会"), "");
}

// Records every token's flags and offsets.
class Recorder : public TokenSink {
 public:
  int on_token(const IndexToken& t) override {
    tokens.push_back({std::string(t.text), t.start, t.end, t.colocated});
    return 0;
  }
  struct Seen {
    std::string text;
    size_t start, end;
    bool colocated;
  };
  std::vector<Seen> tokens;
};

TEST(SearchSegmenter, DocumentTokenOffsetsSpanOriginalCharacters) {
  std::string text = "經濟 ok";
  Recorder r;
  tokenize(text, TokenMode::kDocument, r);
  ASSERT_EQ(r.tokens.size(), 5u);
  auto original = [&](size_t i) { return text.substr(r.tokens[i].start, r.tokens[i].end - r.tokens[i].start); };
  EXPECT_EQ(r.tokens[0].text, "经");
  EXPECT_EQ(original(0), "經");
  EXPECT_FALSE(r.tokens[0].colocated);
  EXPECT_EQ(r.tokens[1].text, "经济");
  EXPECT_EQ(original(1), "經濟");
  EXPECT_TRUE(r.tokens[1].colocated);
  EXPECT_EQ(r.tokens[2].text, "济");
  EXPECT_EQ(original(2), "濟");
  EXPECT_FALSE(r.tokens[2].colocated);
  EXPECT_EQ(r.tokens[3].text, "经济>");
  EXPECT_TRUE(r.tokens[3].colocated);
  EXPECT_EQ(r.tokens[4].text, "ok");
  EXPECT_EQ(r.tokens[4].start, 7u);
  EXPECT_EQ(r.tokens[4].end, 9u);
}

TEST(SearchSegmenter, InvalidUtf8IsASeparator) {
  // A stray byte between two characters breaks the bigram; a truncated sequence at the end and
  // an encoded surrogate produce nothing.
  EXPECT_EQ(token_texts("会\xFF议", TokenMode::kDocument), (Strings{"会", "议"}));
  EXPECT_EQ(token_texts("教育\xE4\xBC", TokenMode::kDocument), (Strings{"教", "教育", "育", "教育>"}));
  EXPECT_EQ(token_texts("\xED\xA0\x80x", TokenMode::kDocument), (Strings{"x"}));
  EXPECT_EQ(fold_text("a\xC0\xAF"), "a\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong '/': two U+FFFD
  std::vector<Word> ws = words("会议\xFF\xFE教育");
  ASSERT_GE(ws.size(), 2u);
  EXPECT_EQ(ws.front().text, "会议");
  EXPECT_EQ(ws.back().text, "教育");
  EXPECT_EQ(ws.back().start, 8u);
}

TEST(SearchSegmenter, RandomBytesNeverBreakTheContract) {
  std::mt19937 rng(20240305);
  const std::string pieces[] = {"会",
                                "議",
                                "\xE4",
                                "\xBC",
                                "\x80",
                                "\xFF",
                                "A",
                                " ",
                                "\"",
                                "，",
                                "\xF0\x9F\x98\x80",
                                "\xF0\xA0\x80\x80",
                                "\xED\xA0\x80",
                                "\0",
                                "ｘ",
                                "ß"};
  for (int i = 0; i < 3000; ++i) {
    std::string s;
    int n = static_cast<int>(rng() % 24);
    for (int k = 0; k < n; ++k) {
      const std::string& p = pieces[rng() % std::size(pieces)];
      s += p.empty() ? std::string(1, '\0') : p;
    }
    for (TokenMode mode : {TokenMode::kDocument, TokenMode::kQuery}) {
      Recorder r;
      tokenize(s, mode, r);
      for (const auto& t : r.tokens) {
        EXPECT_LT(t.start, t.end);
        EXPECT_LE(t.end, s.size());
        EXPECT_FALSE(t.text.empty());
      }
    }
    size_t last_end = 0;
    for (const Word& w : words(s)) {
      EXPECT_LT(w.start, w.end);
      EXPECT_LE(w.end, s.size());
      EXPECT_GE(w.start, last_end);
      last_end = w.end;
    }
  }
}

// ----- Query parsing -----

TEST(SearchQuery, UnquotedWordsAreRequiredTogetherQuotedTextIsAPhrase) {
  EXPECT_EQ(fts5_match_expression("教育 公平"), "\"教育\" AND \"教育>\" AND \"公平\" AND \"公平>\"");
  EXPECT_EQ(fts5_match_expression("“义务教育”"), "\"义务教育\" AND \"教育>\"");
  EXPECT_EQ(fts5_match_expression("\"义务教育\" 經濟"), "\"义务教育\" AND \"教育>\" AND \"经济\" AND \"经济>\"");
  EXPECT_EQ(fts5_match_expression("經濟 和 发展 经济"),  // 和 dropped, the repeat once
            "\"经济\" AND \"经济>\" AND \"发展\" AND \"发展>\"");
  EXPECT_EQ(fts5_match_expression("\"会议>\""),
            "\"会议 \"");  // a typed > is a separator (the phrase ends with the end mark)
  EXPECT_EQ(fts5_match_expression("和"), "\"和\"");
  EXPECT_EQ(fts5_match_expression("，。！？  "), "");
  EXPECT_EQ(fts5_match_expression("\"\""), "");
  EXPECT_EQ(fts5_match_expression("x\"y z"), "\"x\" AND \"y z\"");  // an unclosed quote runs to the end
  EXPECT_EQ(fts5_phrase("x\"y\n"), "\"x\"\"y \"");
  EXPECT_EQ(fts5_phrase("a>b"), "\"a b\"");
  EXPECT_EQ(fts5_any_of({"教育", "，", "公平"}), "\"教育\" OR \"公平\"");
}

TEST_F(SearchFts5, GarbageQueriesNeverRaiseSyntaxErrors) {
  db.insert(1, "教育", "NEAR AND OR NOT 教育公平");
  const std::string pieces[] = {"\"",
                                "“",
                                "”",
                                "「",
                                "*",
                                "^",
                                ":",
                                "(",
                                ")",
                                "-",
                                "+",
                                "NOT",
                                "AND",
                                "OR",
                                "NEAR",
                                "NEAR(",
                                "title:",
                                "{title body}",
                                "教育",
                                "公平",
                                " ",
                                "\xFF",
                                "\xE4",
                                "\x01",
                                std::string(1, '\0'),
                                "'",
                                ";",
                                "\\",
                                ",",
                                "。",
                                "０",
                                "ＡＮＤ"};
  std::mt19937 rng(7);
  int ran = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string q;
    int n = 1 + static_cast<int>(rng() % 12);
    for (int k = 0; k < n; ++k) q += pieces[rng() % std::size(pieces)];
    std::string match = fts5_match_expression(q);
    if (match.empty()) continue;
    ++ran;
    sqlite3_stmt* stmt = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db.raw(), "SELECT rowid FROM t WHERE t MATCH ?1", -1, &stmt, nullptr), SQLITE_OK);
    sqlite3_bind_text(stmt, 1, match.data(), static_cast<int>(match.size()), SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    }
    EXPECT_EQ(rc, SQLITE_DONE) << sqlite3_errmsg(db.raw()) << " for input " << ::testing::PrintToString(q) << " → "
                               << match;
    sqlite3_finalize(stmt);
  }
  EXPECT_GT(ran, 2000);
  // Operators typed by a user are words, not operators.
  EXPECT_EQ(db.search("NEAR"), Rowids{1});
  EXPECT_EQ(db.search("教育 NOT"), Rowids{1});
  EXPECT_EQ(db.search("教育 NOT 公平"), Rowids{1});  // "not" is a word, and the document has all three
}

// ----- FTS5 -----

TEST_F(SearchFts5, SimplifiedQueryFindsTraditionalTextAndBack) {
  db.insert(1, "關於發展經濟的建議", "會議認為應當加快發展");
  db.insert(2, "关于发展经济的建议", "会议认为");
  db.insert(3, "关于教育的建议", "无关内容");
  EXPECT_EQ(db.search_sorted("经济"), (Rowids{1, 2}));
  EXPECT_EQ(db.search_sorted("會議"), (Rowids{1, 2}));
  EXPECT_EQ(db.search_sorted("发展 建议"), (Rowids{1, 2}));
  EXPECT_EQ(db.search_sorted("教育"), (Rowids{3}));
}

TEST_F(SearchFts5, TwoCharacterWordsAreFoundInsideLongerWords) {
  db.insert(1, "发展高等教育", "");
  db.insert(2, "", "第十四届全国人民代表大会第二次会议");
  db.insert(3, "教务处", "育人为本");  // 教 and 育, never adjacent
  db.insert(4, "会", "议");            // across columns is not adjacent either
  EXPECT_EQ(db.search_sorted("教育"), (Rowids{1}));
  EXPECT_EQ(db.search_sorted("会议"), (Rowids{2}));
  EXPECT_EQ(db.search_sorted("大会"), (Rowids{2}));
  EXPECT_EQ(db.search_sorted("人民代表大会"), (Rowids{2}));
}

TEST_F(SearchFts5, OneCharacterQueries) {
  db.insert(1, "减轻小微企业稅負", "");  // 稅 traditional
  db.insert(2, "个人所得税", "");
  db.insert(3, "社会保障", "");
  EXPECT_EQ(db.search_sorted("税"), (Rowids{1, 2}));
  EXPECT_EQ(db.search_sorted("會"), (Rowids{3}));
}

TEST_F(SearchFts5, PhraseNeedsAdjacencyUnquotedWordsDoNot) {
  db.insert(1, "推进义务教育均衡发展", "");
  db.insert(2, "义务劳动与职业教育", "");
  db.insert(3, "義務教育", "");
  EXPECT_EQ(db.search_sorted("\"义务教育\""), (Rowids{1, 3}));
  EXPECT_EQ(db.search_sorted("义务 教育"), (Rowids{1, 2, 3}));
  EXPECT_EQ(db.search_sorted("\"教育义务\""), (Rowids{}));
  EXPECT_EQ(db.search_sorted("\"务教\""), (Rowids{1, 3}));  // any substring, whatever the dictionary says
}

TEST_F(SearchFts5, PhrasesMixingHanWithOtherTextLineUp) {
  db.insert(1, "提案编号100002已交办", "促进教育公平");
  db.insert(2, "编号", "100002");
  db.insert(3, "编号为100002", "教育和公平");
  EXPECT_EQ(db.search_sorted("\"编号100002\""), (Rowids{1}));
  EXPECT_EQ(db.search_sorted("\"教育 公平\""), (Rowids{1}));
  EXPECT_EQ(db.search_sorted("\"号100002已\""), (Rowids{1}));
  EXPECT_EQ(db.search_sorted("编号 100002"), (Rowids{1, 2, 3}));
}

TEST_F(SearchFts5, HighlightMarksExactlyTheMatchedOriginalCharacters) {
  db.insert(1, "關於發展經濟的會議", "");
  auto highlight = [&](const std::string& q) {
    return db.column("SELECT highlight(t, 0, '[', ']') FROM t WHERE t MATCH ?1", {fts5_match_expression(q)});
  };
  // A word's last character is marked apart: it is matched by the end mark, a phrase of its own
  // (segmenter.h); in HTML, <mark>經</mark><mark>濟</mark> reads as one highlight.
  EXPECT_EQ(highlight("经济"), Strings{"關於發展[經][濟]的會議"});
  EXPECT_EQ(highlight("會"), Strings{"關於發展經濟的[會]議"});
  EXPECT_EQ(highlight("\"发展经济\""), Strings{"關於[發展經][濟]的會議"});
  EXPECT_EQ(highlight("发展 會議"), Strings{"關於[發][展]經濟的[會][議]"});
  EXPECT_EQ(highlight("\"經濟的會議\""), Strings{"關於發展[經濟的會][議]"});
}

TEST_F(SearchFts5, SnippetMarksTheMatchInContext) {
  db.insert(1, "", "各地區應當堅持穩中求進，推動經濟高質量發展，完善社會保障體系，加強生態環境保護。");
  Strings s =
      db.column("SELECT snippet(t, 1, '[', ']', '…', 6) FROM t WHERE t MATCH ?1", {fts5_match_expression("经济")});
  ASSERT_EQ(s.size(), 1u);
  // Six positions (characters), the match among them, ellipses where text was cut.
  EXPECT_EQ(s[0], "…推動[經][濟]高質…");
}

TEST_F(SearchFts5, Bm25RanksMoreOccurrencesFirst) {
  db.insert(1, "", "教育甲乙丙丁戊己庚辛壬癸子丑寅卯");
  db.insert(2, "", "教育甲乙丙丁教育戊己庚辛教育壬癸");
  db.insert(3, "", "教育甲乙丙丁戊己庚辛壬癸教育子丑");
  db.insert(4, "", "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳");
  EXPECT_EQ(db.search("教育"), (Rowids{2, 3, 1}));
}

TEST(SearchFts5External, MatchCombinesWithFiltersOnOrdinaryColumns) {
  MemoryDb db;
  db.exec(
      "CREATE TABLE proposals(id INTEGER PRIMARY KEY, title TEXT, body TEXT, area TEXT, state TEXT, filed TEXT);"
      "CREATE VIRTUAL TABLE proposals_fts USING fts5(title, body, content='proposals', content_rowid='id',"
      " tokenize='plenum_chinese');"
      "CREATE TRIGGER proposals_ai AFTER INSERT ON proposals BEGIN"
      "  INSERT INTO proposals_fts(rowid, title, body) VALUES(new.id, new.title, new.body); END;");
  db.exec(
      "INSERT INTO proposals VALUES"
      " (1, '关于发展农村教育的建议', '加大投入', '教育', 'filed', '2024-03-01'),"
      " (2, '關於職業教育的建議', '產教融合', '教育', 'answered', '2024-03-02'),"
      " (3, '关于教育公平的建议', '教育教育', '民生', 'filed', '2024-03-03'),"
      " (4, '关于医疗保障的建议', '医保', '教育', 'filed', '2024-03-04'),"
      " (5, '关于高等教育的建议', '高校', '教育', 'filed', '2024-02-20');");
  std::string match = fts5_match_expression("教育");
  EXPECT_EQ(db.rowids("SELECT p.id FROM proposals_fts f JOIN proposals p ON p.id = f.rowid"
                      " WHERE proposals_fts MATCH ?1 AND p.area = ?2 AND p.filed >= ?3 ORDER BY p.id",
                      {match, "教育", "2024-03-01"}),
            (Rowids{1, 2}));
  EXPECT_EQ(db.rowids("SELECT id FROM proposals WHERE state = ?2 AND id IN"
                      " (SELECT rowid FROM proposals_fts WHERE proposals_fts MATCH ?1) ORDER BY id",
                      {match, "filed"}),
            (Rowids{1, 3, 5}));
  EXPECT_EQ(db.column("SELECT highlight(proposals_fts, 0, '<b>', '</b>') FROM proposals_fts"
                      " WHERE proposals_fts MATCH ?1 AND rowid = 2",
                      {match}),
            Strings{"關於職業<b>教</b><b>育</b>的建議"});
}

TEST_F(SearchFts5, InvalidUtf8DocumentsAndQueriesDoNotCrash) {
  db.insert(1, "教育\xFF\xFE公平", "会\xE4议\xED\xA0\x80");
  db.insert(2, "\xC0\xAF\xF5\x80\x80\x80", "\xE4\xBC");
  EXPECT_EQ(db.search("教育"), Rowids{1});
  EXPECT_EQ(db.search("会议"), Rowids{});  // the stray byte separates 会 and 议
  EXPECT_EQ(db.search_sorted("会 议"), Rowids{1});
  EXPECT_EQ(db.search("\xFF\xFE"), Rowids{});
  EXPECT_EQ(db.column("SELECT highlight(t, 0, '[', ']') FROM t WHERE t MATCH ?1", {fts5_match_expression("公平")}),
            Strings{"教育\xFF\xFE[公][平]"});
}

TEST(SearchFts5Table, UnknownTokenizerOptionsAreRefused) {
  MemoryDb db;
  char* err = nullptr;
  EXPECT_NE(sqlite3_exec(db.raw(), "CREATE VIRTUAL TABLE x USING fts5(a, tokenize='plenum_chinese fold 0')", nullptr,
                         nullptr, &err),
            SQLITE_OK);
  sqlite3_free(err);
}

// ----- Similarity -----

TEST(SearchSimilarityMath, CosineOfWeightedWords) {
  auto idf = [](const std::string&) { return 1.0; };
  TermVector a(topic_words("推进义务教育均衡发展，推进义务教育"), idf);
  TermVector b(topic_words("推進義務教育均衡發展，推進義務教育"), idf);
  TermVector c(topic_words("完善医疗保障制度"), idf);
  EXPECT_NEAR(a.cosine(b), 1.0, 1e-9);
  EXPECT_EQ(a.cosine(c), 0.0);
  EXPECT_EQ(a.cosine(TermVector()), 0.0);
  for (const TermWeight& t : a.terms()) {
    EXPECT_FALSE(is_function_word(t.word));
    EXPECT_GT(t.word.size(), 3u) << t.word;  // no single characters
  }
  EXPECT_GT(inverse_document_frequency(1000, 1), inverse_document_frequency(1000, 500));
  EXPECT_GT(inverse_document_frequency(1000, 1000), 0.0);
}

TEST(SearchSimilarityMath, SpreadTakesStrongWordsFromEveryStretch) {
  std::string text = "农村教育投入不足。城市交通拥堵严重。医疗保险报销困难。";
  auto weighted = [&](std::map<std::string, double> idf) {
    return TermVector(topic_words(text), [idf](const std::string& w) {
      auto it = idf.find(w);
      return it == idf.end() ? 1.0 : it->second;
    });
  };
  auto sorted = [](Strings v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  TermVector v = weighted({{"教育", 3}, {"交通", 3}, {"报销", 3}});
  EXPECT_EQ(sorted(v.spread(text, 3)), sorted({"教育", "交通", "报销"}));
  // All the heavy words in the first sentence: strongest() takes them all, spread() one.
  TermVector w = weighted({{"农村", 3}, {"教育", 3}, {"投入", 3}});
  EXPECT_EQ(sorted(w.strongest(3)), sorted({"农村", "教育", "投入"}));
  Strings spread = w.spread(text, 3);
  EXPECT_EQ(spread.size(), 3u);
  EXPECT_EQ(std::count_if(spread.begin(), spread.end(),
                          [](const std::string& x) { return x == "农村" || x == "教育" || x == "投入"; }),
            1);
}

class SearchSimilarity : public ::testing::Test {
 protected:
  void SetUp() override {
    db.exec("CREATE VIRTUAL TABLE p USING fts5(title, body, tokenize='plenum_chinese')");
    store::sqlite::create_similarity_index(db.raw(), "p");
  }
  void add(int64_t id, const std::string& title, const std::string& body) {
    sqlite3_stmt* stmt = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db.raw(), "INSERT INTO p(rowid, title, body) VALUES(?1, ?2, ?3)", -1, &stmt, nullptr),
              SQLITE_OK);
    sqlite3_bind_int64(stmt, 1, id);
    sqlite3_bind_text(stmt, 2, title.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 3, body.c_str(), -1, SQLITE_TRANSIENT);
    ASSERT_EQ(sqlite3_step(stmt), SQLITE_DONE);
    sqlite3_finalize(stmt);
    store::sqlite::add_to_similarity_index(db.raw(), "p", title + "\n" + body);
  }
  void add_corpus() {
    add(1, "关于加强农村义务教育师资建设的建议", "农村学校教师流失严重，建议提高乡村教师待遇，完善教师轮岗交流制度。");
    add(2, "关于完善城乡居民医疗保险的建议", "医保报销比例偏低，建议提高大病保险报销比例，推进异地就医直接结算。");
    add(3, "关于促进新能源汽车产业发展的建议", "充电设施不足，建议加快充电桩建设，完善新能源汽车购置补贴政策。");
    add(4, "关于加强生态环境保护的建议", "长江流域生态修复任务艰巨，建议加大生态补偿力度，严格环境执法。");
    add(5, "關於提高鄉村教師待遇的建議", "鄉村教師工資偏低、流失嚴重，建議提高鄉村教師待遇，完善教師輪崗交流。");
    add(6, "关于减轻中小学生课业负担的建议", "学生课业负担过重，建议规范校外培训，提高课堂教学质量。");
  }
  MemoryDb db;
};

TEST_F(SearchSimilarity, FindsTheNearDuplicateFirstAndExcludesItself) {
  add_corpus();
  std::string submission =
      "关于提高乡村教师待遇的建议\n乡村教师工资偏低，流失严重，建议提高乡村教师待遇，完善轮岗交流制度。";
  auto hits = store::sqlite::similar_documents(db.raw(), "p", submission, 3, 0);
  ASSERT_GE(hits.size(), 2u);
  EXPECT_EQ(hits[0].rowid, 5);  // written in traditional characters
  EXPECT_GT(hits[0].score, 0.8);
  EXPECT_EQ(hits[1].rowid, 1);  // same topic, other wording
  EXPECT_LT(hits[1].score, hits[0].score);

  // The stored proposal itself, excluded by its rowid: the other teacher proposal comes first.
  auto self = store::sqlite::similar_documents(
      db.raw(), "p", "關於提高鄉村教師待遇的建議\n鄉村教師工資偏低、流失嚴重，建議提高鄉村教師待遇，完善教師輪崗交流。",
      5, 5);
  ASSERT_FALSE(self.empty());
  EXPECT_EQ(self[0].rowid, 1);
  for (const auto& h : self) EXPECT_NE(h.rowid, 5);
  EXPECT_TRUE(store::sqlite::similar_documents(db.raw(), "p", "，。", 5, 0).empty());
}

TEST_F(SearchSimilarity, DocumentFrequenciesFollowAddsRemovesAndRebuilds) {
  add_corpus();
  auto table = [&] { return db.column("SELECT word || '=' || documents FROM p_words ORDER BY word"); };
  Strings incremental = table();
  EXPECT_EQ(db.column("SELECT documents FROM p_words WHERE word = ''"), Strings{"6"});
  EXPECT_EQ(db.column("SELECT documents FROM p_words WHERE word = '教师'"), Strings{"2"});  // 1 and 5 (教師)
  store::sqlite::rebuild_similarity_index(db.raw(), "p");
  EXPECT_EQ(table(), incremental);
  store::sqlite::remove_from_similarity_index(
      db.raw(), "p", "关于减轻中小学生课业负担的建议\n学生课业负担过重，建议规范校外培训，提高课堂教学质量。");
  EXPECT_EQ(db.column("SELECT documents FROM p_words WHERE word = ''"), Strings{"5"});
  EXPECT_EQ(db.column("SELECT documents FROM p_words WHERE word = '课业'"), Strings{});
}

}  // namespace
}  // namespace plenum::search
