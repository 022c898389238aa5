// The rulebook parser: any TOML text gives a rulebook or an Error naming the key at fault.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "rules/rulebook.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto book = plenum::rules::RulebookSet::parse(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz");
  if (!book && book.error().message_en.empty()) std::abort();
  if (book) (void)plenum::rules::to_json(*book);
  return 0;
}
