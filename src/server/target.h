// A request target ("/api/v1/x?a=1&b=%E4%B8%AD") split into its decoded path and query. Pure
// string work (no Beast), fuzzed on its own (tests/fuzz/target_fuzzer.cpp).
//
// Contract: %XX sequences are decoded once in the path and in each query name and value (an
// incomplete one is kept as typed); '+' is a space in the query only. The decoded path may hold
// any byte, NUL included: whoever uses it checks it (server/static_files.h, Api's UTF-8 check).
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace plenum::server {

std::string percent_decode(std::string_view s, bool plus_is_space);
void split_target(const std::string& target, std::string* path, std::map<std::string, std::string>* query);

// The value of cookie `name` in a Cookie header ("a=1; b=2"), "" if it is not there.
std::string cookie_value(const std::string& header, const std::string& name);

}  // namespace plenum::server
