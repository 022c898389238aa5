#include "cli/election_commands.h"

#include <algorithm>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "base/json.h"
#include "crypto/ballot.h"
#include "crypto/board.h"
#include "crypto/group.h"
#include "elections/verification.h"

namespace plenum::cli {
namespace {

int verify_election(const std::string& file) {
  std::string text;
  if (file == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), {});
  } else {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      std::cerr << "错误 / error: 无法读取 / cannot read " << file << "\n";
      return 1;
    }
    text.assign(std::istreambuf_iterator<char>(in), {});
  }
  auto json = parse_json(text);
  if (!json) {
    std::cerr << "错误 / error: " << json.error().message_zh << " / " << json.error().message_en << "\n";
    return 1;
  }
  auto entries = crypto::parse_board(*json);
  if (!entries) {
    std::cerr << "验证失败 / verification FAILED [malformed]: " << entries.error().message_en
              << " (" << entries.error().field << ")\n";
    return 1;
  }
  crypto::init();
  auto v = elections::verify_board(*entries);
  if (!v.ok) {
    std::cout << "验证失败 / verification FAILED [" << v.code << "] at entry " << v.entry << ": " << v.reason << "\n";
    return 1;
  }
  std::cout << "验证通过 / verification OK: " << entries->size() << " board entries, " << v.ballots_checked
            << " ballots checked\n";
  for (const auto& r : v.rounds) {
    std::cout << "第" << r.round << "轮 / round " << r.round << ": " << r.ballots_counted << " ballots counted of "
              << r.electorate << " entitled\n";
    for (const auto& c : r.counts) {
      bool elected = std::find(r.elected.begin(), r.elected.end(), c.candidate_id) != r.elected.end();
      std::cout << "  candidate " << c.candidate_id << ": for " << c.for_votes << ", against " << c.against_votes
                << ", abstain " << c.abstentions << (elected ? "  当选 / elected" : "") << "\n";
    }
  }
  return 0;
}

// The credential authority: one Ed25519 credential per member entitled to vote. The private
// file pairs a line number with each seed for printing and handing out; the public file is the
// sorted list the secretariat posts as elections.publish_credentials, which reveals no pairing.
int issue_credentials(int64_t count, const std::string& private_file, const std::string& public_file) {
  if (count < 1 || count > 100000) {
    std::cerr << "错误 / error: --count 应在 1 到 100000 之间 / --count must be 1 to 100000\n";
    return 1;
  }
  crypto::init();
  std::vector<crypto::Credential> credentials;
  for (int64_t i = 0; i < count; ++i) credentials.push_back(crypto::new_credential());
  std::ofstream priv(private_file, std::ios::binary | std::ios::trunc);
  if (!priv) {
    std::cerr << "错误 / error: 无法写入 / cannot write " << private_file << "\n";
    return 1;
  }
  priv << "number,credential\n";
  std::vector<std::string> publics;
  for (size_t i = 0; i < credentials.size(); ++i) {
    const auto& c = credentials[i];
    priv << (i + 1) << ","
         << crypto::to_hex(std::string_view(reinterpret_cast<const char*>(c.seed.data()), c.seed.size())) << "\n";
    publics.push_back(crypto::to_hex(std::string_view(reinterpret_cast<const char*>(c.public_key.data()), 32)));
  }
  std::sort(publics.begin(), publics.end());
  std::ofstream pub(public_file, std::ios::binary | std::ios::trunc);
  if (!pub) {
    std::cerr << "错误 / error: 无法写入 / cannot write " << public_file << "\n";
    return 1;
  }
  pub << Json{{"credentials", publics}}.dump() << "\n";
  std::cout << "已生成凭证 / credentials issued: " << count << " (private: " << private_file
            << ", public: " << public_file << ")\n";
  return 0;
}

}  // namespace

void add_election_commands(CLI::App& cli, ElectionCommands& c) {
  c.verify = cli.add_subcommand("verify-election",
                                "check an election's public board: every proof, signature, the tally and the result");
  c.verify->add_option("--board", c.board_file, "the board (GET /api/v1/elections/{id}/board); - for stdin")->required();
  c.credentials = cli.add_subcommand("election-credentials",
                                     "credential authority: issue one voting credential per member (away from the server)");
  c.credentials->add_option("--count", c.count, "number of members entitled to vote")->required();
  c.credentials->add_option("--private", c.private_file, "file for the private credentials (hand out, never upload)")->required();
  c.credentials->add_option("--public", c.public_file, "file for the sorted public credentials (upload)")->required();
}

int run_election_commands(const ElectionCommands& c) {
  if (c.verify && *c.verify) return verify_election(c.board_file);
  if (c.credentials && *c.credentials) return issue_credentials(c.count, c.private_file, c.public_file);
  return -1;
}

}  // namespace plenum::cli
