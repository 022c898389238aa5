#include "store/sqlite/chinese_tokenizer.h"

#include <new>
#include <string>
#include <string_view>

#include "search/segmenter.h"
#include "store/sqlite/similar_search.h"
#include "store/store.h"

namespace plenum::store::sqlite {
namespace {

// The tokenizer keeps no state: one shared instance serves every table.
struct ChineseTokenizer {};

class Fts5Sink : public search::TokenSink {
 public:
  Fts5Sink(void* ctx, int (*x_token)(void*, int, const char*, int, int, int)) : ctx_(ctx), x_token_(x_token) {}
  int on_token(const search::IndexToken& t) override {
    return x_token_(ctx_, t.colocated ? FTS5_TOKEN_COLOCATED : 0, t.text.data(), static_cast<int>(t.text.size()),
                    static_cast<int>(t.start), static_cast<int>(t.end));
  }

 private:
  void* ctx_;
  int (*x_token_)(void*, int, const char*, int, int, int);
};

int x_create(void*, const char** args, int n_args, Fts5Tokenizer** out) {
  *out = nullptr;
  if (n_args > 0) return SQLITE_ERROR;  // no options: a typo must not silently change the index
  auto* t = new (std::nothrow) ChineseTokenizer;
  if (!t) return SQLITE_NOMEM;
  *out = reinterpret_cast<Fts5Tokenizer*>(t);
  return SQLITE_OK;
}

void x_delete(Fts5Tokenizer* t) { delete reinterpret_cast<ChineseTokenizer*>(t); }

int x_tokenize(Fts5Tokenizer*, void* ctx, int flags, const char* text, int n_text,
               int (*x_token)(void*, int, const char*, int, int, int)) {
  if (n_text <= 0 || !text) return SQLITE_OK;
  // Query strings (and prefix queries, treated as plain ones) get the phrase form; documents
  // and the re-tokenising done by highlight() and snippet() get the document form.
  search::TokenMode mode =
      (flags & (FTS5_TOKENIZE_QUERY | FTS5_TOKENIZE_PREFIX)) ? search::TokenMode::kQuery : search::TokenMode::kDocument;
  Fts5Sink sink(ctx, x_token);
  try {
    return search::tokenize(std::string_view(text, static_cast<size_t>(n_text)), mode, sink);
  } catch (const std::bad_alloc&) {
    return SQLITE_NOMEM;  // no exception may cross SQLite's C frames
  } catch (...) {
    return SQLITE_ERROR;
  }
}

fts5_api* fts5_api_of(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) != SQLITE_OK) return nullptr;
  sqlite3_bind_pointer(stmt, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
  sqlite3_step(stmt);
  sqlite3_finalize(stmt);
  return api;
}

}  // namespace

void register_chinese_tokenizer(sqlite3* db) {
  if (Status s = search::load_folding_tables(); !s.is_ok()) throw StoreFailure(s.error().message_en);
  fts5_api* api = fts5_api_of(db);
  if (!api || api->iVersion < 2) throw StoreFailure("SQLite has no FTS5 (version 2 API)");
  static fts5_tokenizer tokenizer = {x_create, x_delete, x_tokenize};
  if (api->xCreateTokenizer(api, kChineseTokenizer, nullptr, &tokenizer, nullptr) != SQLITE_OK)
    throw StoreFailure(std::string("cannot register the FTS5 tokenizer: ") + sqlite3_errmsg(db));
  register_similarity_functions(api);
}

}  // namespace plenum::store::sqlite
