#include "crypto/board.h"

#include "crypto/group.h"

namespace plenum::crypto {
namespace {

Error malformed(const std::string& field, const std::string& zh, const std::string& en) {
  return make_error(ErrorCode::kMalformed, "字段 " + field + zh, "field " + field + en, field);
}

}  // namespace

std::string board_hash(const std::string& prev, int64_t index, const std::string& kind, const std::string& payload) {
  std::string data;
  append_lp(data, "plenum-board/1");
  append_lp(data, prev);
  append_u32(data, static_cast<uint32_t>(index));
  append_lp(data, kind);
  append_lp(data, payload);
  return sha256(data);
}

void append_entry(std::vector<BoardEntry>& board, std::string kind, std::string payload) {
  BoardEntry e;
  e.index = static_cast<int64_t>(board.size());
  e.hash = board_hash(board.empty() ? std::string(32, '\0') : board.back().hash, e.index, kind, payload);
  e.kind = std::move(kind);
  e.payload = std::move(payload);
  board.push_back(std::move(e));
}

Json board_entry_json(const BoardEntry& entry) {
  return {{"index", entry.index}, {"kind", entry.kind}, {"payload", entry.payload}, {"hash", to_hex(entry.hash)}};
}

Result<std::vector<BoardEntry>> parse_board(const Json& board) {
  if (!board.is_object()) return malformed("board", " 应为对象", " must be an object");
  PLENUM_ASSIGN_OR_RETURN(auto entries, req_array(board, "entries", "board"));
  std::vector<BoardEntry> out;
  for (size_t i = 0; i < (entries)->size(); ++i) {
    const Json& e = (*entries)[i];
    auto p = "board.entries[" + std::to_string(i) + "]";
    if (!e.is_object()) return malformed(p, " 应为对象", " must be an object");
    BoardEntry entry;
    PLENUM_ASSIGN_OR_RETURN(auto index, req_int(e, "index", p));
    PLENUM_ASSIGN_OR_RETURN(auto kind, req_string(e, "kind", p));
    // The payload is a string so its exact bytes survive transport and are what is hashed.
    PLENUM_ASSIGN_OR_RETURN(auto payload, req_string(e, "payload", p));
    PLENUM_ASSIGN_OR_RETURN(auto hash_hex, req_string(e, "hash", p));
    if (hash_hex.size() != 64)
      return malformed(p + ".hash", " 应为 64 位小写十六进制", " must be 64 lowercase hex characters");
    PLENUM_ASSIGN_OR_RETURN(auto hash, from_hex(hash_hex, p + ".hash"));
    entry.index = index;
    entry.kind = std::move(kind);
    entry.payload = std::move(payload);
    entry.hash = std::move(hash);
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace plenum::crypto
