// Ballot, bulletin board and manifest parsing (src/crypto): any bytes give a value or an Error;
// a ballot that parses writes back to JSON that parses to the same bytes.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "base/json.h"
#include "crypto/ballot.h"
#include "crypto/board.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace plenum;
  std::string text(reinterpret_cast<const char*>(data), size);
  (void)crypto::parse_manifest(text);
  auto json = parse_json(text);
  if (!json) return 0;
  if (auto board = crypto::parse_board(*json); board)
    for (const auto& e : *board) (void)crypto::board_entry_json(e);
  auto ballot = crypto::parse_ballot(*json);
  if (!ballot) return 0;
  auto again = crypto::parse_ballot(crypto::ballot_json(*ballot));
  if (!again || crypto::ballot_bytes(*again) != crypto::ballot_bytes(*ballot)) std::abort();
  return 0;
}
