// An enum's names, written once. The name is what the store, the events and the API carry; the
// code compares enums, never strings. Beside its enum, a feature declares the table:
//
//   enum class PollState { kOpen, kClosed };
//   PLENUM_NAMES(PollState, {{PollState::kOpen, "open"}, {PollState::kClosed, "closed"}})
//
// which gives name_of(state), parse_name<PollState>(text) (nullopt for any other text) and
// to_json/from_json by name: Json{{"state", poll.state}} holds the name, and an event's field
// converts back only from a known name (never from nlohmann's default, the enum's integer).
#pragma once

#include <utility>

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "base/json.h"

namespace plenum {

template <typename E>
std::string name_of(E value) {
  for (const auto& [v, name] : name_table(E{}))
    if (v == value) return std::string(name);
  return "?";  // unreachable while every enumerator is in its table
}

template <typename E>
std::optional<E> parse_name(std::string_view text) {
  for (const auto& [v, name] : name_table(E{}))
    if (name == text) return v;
  return std::nullopt;
}

// The same where only a known name can stand (an event's field a projector reads): anything
// else throws std::invalid_argument, which fails the projection.
template <typename E>
E require_name(std::string_view text) {
  if (auto v = parse_name<E>(text)) return *v;
  throw std::invalid_argument("unknown name " + std::string(text));
}

}  // namespace plenum

// In the enum's namespace (found by argument-dependent lookup).
#define PLENUM_NAMES(E, ...)                                                        \
  inline const auto& name_table(E) {                                                \
    static constexpr std::pair<E, std::string_view> kTable[] = __VA_ARGS__;         \
    return kTable;                                                                  \
  }                                                                                 \
  inline void to_json(::plenum::Json& j, E value) { j = ::plenum::name_of(value); } \
  inline void from_json(const ::plenum::Json& j, E& value) { value = ::plenum::require_name<E>(j.get<std::string>()); }
