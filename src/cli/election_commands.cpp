#include "cli/election_commands.h"

#include <algorithm>
#include <fstream>
#include <iostream>
#include <sys/stat.h>

#include "base/args.h"
#include "base/json.h"
#include "cli/support.h"
#include "crypto/ballot.h"
#include "crypto/board.h"
#include "crypto/group.h"
#include "crypto/trustee.h"
#include "elections/verification.h"

namespace plenum::cli {
namespace {

int verify_election(const std::string& file) {
  auto text = read_file(file);
  if (!text) return fail(text.error());
  auto json = parse_json(*text);
  if (!json) {
    std::cerr << "错误 / error: " << json.error().message_zh << " / " << json.error().message_en << "\n";
    return 1;
  }
  auto entries = crypto::parse_board(*json);
  if (!entries) {
    std::cerr << "验证失败 / verification FAILED [malformed]: " << entries.error().message_en << " ("
              << entries.error().field << ")\n";
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

// ---- trustees: the secret file holds the trustee's index, box key pair, polynomial and key
// share (hex); it is written with mode 0600 and never leaves the trustee's machine.

std::string hex_of(const crypto::Bytes32& b) {
  return crypto::to_hex(std::string_view(reinterpret_cast<const char*>(b.data()), b.size()));
}

Result<crypto::Bytes32> bytes32(const Json& j, const char* key) {
  PLENUM_ASSIGN_OR_RETURN(auto hex, req_string(j, key, "secret"));
  PLENUM_ASSIGN_OR_RETURN(auto raw, crypto::from_hex(hex, std::string("secret.") + key));
  if (raw.size() != 32) return invalid(std::string("secret.") + key, "应为 32 字节", "must be 32 bytes");
  crypto::Bytes32 out;
  std::copy(raw.begin(), raw.end(), out.begin());
  return out;
}

Status write_secret(const std::string& file, const crypto::TrusteeSecret& s, bool create) {
  Json coefficients = Json::array();
  for (const auto& c : s.coefficients) coefficients.push_back(crypto::to_hex(c));
  Json j{{"index", s.index},
         {"box_public_key", hex_of(s.box.public_key)},
         {"box_secret_key", hex_of(s.box.secret_key)},
         {"coefficients", coefficients},
         {"share", crypto::is_zero(s.share) ? Json() : Json(crypto::to_hex(s.share))}};
  if (create) {
    struct stat st {};
    if (::stat(file.c_str(), &st) == 0)
      return make_error(ErrorCode::kConflict, file + " 已存在，不覆盖受托人密钥",
                        file + " exists; a trustee's keys are never overwritten", file);
  }
  std::string tmp = file + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return make_error(ErrorCode::kInternal, "无法写入 " + tmp, "cannot write " + tmp, tmp);
    ::chmod(tmp.c_str(), 0600);
    out << j.dump(2) << "\n";
    if (!out.flush()) return make_error(ErrorCode::kInternal, "无法写入 " + tmp, "cannot write " + tmp, tmp);
  }
  if (std::rename(tmp.c_str(), file.c_str()) != 0)
    return make_error(ErrorCode::kInternal, "无法写入 " + file, "cannot write " + file, file);
  return Status::ok();
}

Result<crypto::TrusteeSecret> read_secret(const std::string& file) {
  PLENUM_ASSIGN_OR_RETURN(auto text, read_file(file));
  PLENUM_ASSIGN_OR_RETURN(auto j, parse_json(text));
  crypto::TrusteeSecret s;
  PLENUM_ASSIGN_OR_RETURN(auto index, req_int(j, "index", "secret"));
  s.index = static_cast<uint32_t>(index);
  PLENUM_ASSIGN_OR_RETURN(auto pub, bytes32(j, "box_public_key"));
  PLENUM_ASSIGN_OR_RETURN(auto sec, bytes32(j, "box_secret_key"));
  s.box = {pub, sec};
  for (const auto& c : j.value("coefficients", Json::array())) {
    PLENUM_ASSIGN_OR_RETURN(auto sc, crypto::decode_scalar(c.get<std::string>(), "secret.coefficients"));
    s.coefficients.push_back(sc);
  }
  if (j.contains("share") && (j)["share"].is_string()) {
    PLENUM_ASSIGN_OR_RETURN(auto sh, crypto::decode_scalar((j)["share"].get<std::string>(), "secret.share"));
    s.share = sh;
  }
  return s;
}

struct BoardView {
  std::vector<crypto::BoardEntry> entries;
  std::vector<Json> payloads;  // parsed, in order
};

Result<BoardView> read_board(const std::string& file) {
  PLENUM_ASSIGN_OR_RETURN(auto text, read_file(file));
  PLENUM_ASSIGN_OR_RETURN(auto json, parse_json(text));
  PLENUM_ASSIGN_OR_RETURN(auto entries, crypto::parse_board(json));
  BoardView view{std::move(entries), {}};
  for (const auto& e : view.entries) {
    PLENUM_ASSIGN_OR_RETURN(auto p, parse_json(e.payload));
    view.payloads.push_back(std::move(p));
  }
  if (view.entries.empty() || view.entries[0].kind != "setup")
    return make_error(ErrorCode::kMalformed, "公告板没有 setup 条目", "the board has no setup entry", "entries[0]");
  // The trustee acts on what the board says: refuse a board whose chain does not hold.
  std::string prev(32, '\0');
  for (const auto& e : view.entries) {
    if (crypto::board_hash(prev, e.index, e.kind, e.payload) != e.hash)
      return make_error(ErrorCode::kRuleViolation, "公告板第" + std::to_string(e.index) + "条的哈希不符",
                        "board entry " + std::to_string(e.index) + " does not hash to its recorded hash", "entries");
    prev = e.hash;
  }
  return view;
}

int print(const Json& payload) {
  std::cout << payload.dump() << "\n";
  return 0;
}

int trustee_init(uint32_t index, const std::string& file) {
  if (index < 1 || index > 20)
    return fail(invalid("--index", "受托人序号应在 1 到 20 之间", "--index must be 1 to 20"));
  crypto::init();
  crypto::TrusteeSecret s;
  s.index = index;
  s.box = crypto::new_box_key();
  if (Status st = write_secret(file, s, true); !st) return fail(st.error());
  std::cout << hex_of(s.box.public_key) << "\n";  // the box_key to give the secretariat
  return 0;
}

int trustee_step(const ElectionCommands& c) {
  crypto::init();
  auto secret = read_secret(c.secret_file);
  if (!secret) return fail(secret.error());
  auto board = read_board(c.board_file);
  if (!board) return fail(board.error());
  const Json& setup = board->payloads[0];
  std::string setup_hash = board->entries[0].hash;
  if (*c.trustee_commit) {
    std::vector<crypto::Bytes32> keys;
    for (const auto& t : setup["trustees"]) {
      auto k = bytes32(t, "box_key");
      if (!k) return fail(k.error());
      keys.push_back(*k);
    }
    if (secret->index < 1 || secret->index > keys.size() || keys[secret->index - 1] != secret->box.public_key)
      return fail(make_error(ErrorCode::kConflict, "公告板上的受托人名单中没有本密钥",
                             "this key is not the board's trustee " + std::to_string(secret->index), "--secret"));
    if (!secret->coefficients.empty())
      return fail(
          make_error(ErrorCode::kConflict, "本受托人已生成过承诺", "this trustee has already committed", "--secret"));
    Json payload = crypto::trustee_commitments(*secret, setup_hash, setup["threshold"].get<uint32_t>(), keys);
    if (Status st = write_secret(c.secret_file, *secret, false); !st) return fail(st.error());
    return print(payload);
  }
  if (*c.trustee_accept) {
    std::vector<Json> commitments;
    for (size_t i = 0; i < board->entries.size(); ++i)
      if (board->entries[i].kind == "trustee-commitments") commitments.push_back(board->payloads[i]);
    auto accepted = crypto::trustee_accept(*secret, setup_hash, commitments);
    if (!accepted) return fail(accepted.error());
    if (Status st = write_secret(c.secret_file, *secret, false); !st) return fail(st.error());
    return print(*accepted);
  }
  // decrypt: the latest round's tally under that round's manifest
  int64_t tally_at = -1;
  for (size_t i = 0; i < board->entries.size(); ++i)
    if (board->entries[i].kind == "tally") tally_at = static_cast<int64_t>(i);
  if (tally_at < 0)
    return fail(make_error(ErrorCode::kConflict, "公告板上还没有计票", "the board has no tally yet", "--board"));
  int64_t round = board->payloads[tally_at]["round"];
  const crypto::BoardEntry* manifest_entry = nullptr;
  for (size_t i = 0; i < board->entries.size(); ++i)
    if (board->entries[i].kind == "manifest" && board->payloads[i].value("round", 0) == round)
      manifest_entry = &board->entries[i];
  if (!manifest_entry)
    return fail(make_error(ErrorCode::kMalformed, "该轮没有选举清单", "the round has no manifest", "--board"));
  auto manifest = crypto::parse_manifest(manifest_entry->payload);
  if (!manifest) return fail(manifest.error());
  auto tally = crypto::parse_tally(board->payloads[tally_at]["slots"], manifest->slot_count);
  if (!tally) return fail(tally.error());
  if (crypto::is_zero(secret->share))
    return fail(make_error(ErrorCode::kConflict, "本受托人尚未接受密钥份额",
                           "this trustee has not accepted its key share", "--secret"));
  return print(crypto::partial_decryption(*secret, *manifest, *tally));
}

}  // namespace

void add_election_commands(CLI::App& cli, ElectionCommands& c) {
  c.verify = cli.add_subcommand("verify-election",
                                "check an election's public board: every proof, signature, the tally and the result");
  c.verify->add_option("--board", c.board_file, "the board (GET /api/v1/elections/{id}/board); - for stdin")
      ->required();
  c.credentials = cli.add_subcommand(
      "election-credentials", "credential authority: issue one voting credential per member (away from the server)");
  c.credentials->add_option("--count", c.count, "number of members entitled to vote")->required();
  c.credentials->add_option("--private", c.private_file, "file for the private credentials (hand out, never upload)")
      ->required();
  c.credentials->add_option("--public", c.public_file, "file for the sorted public credentials (upload)")->required();

  c.trustee =
      cli.add_subcommand("trustee", "a trustee's steps, on the trustee's own machine: init, commit, accept, decrypt");
  c.trustee->require_subcommand(1);
  c.trustee_init =
      c.trustee->add_subcommand("init", "make this trustee's secret file; prints the box key for the secretariat");
  c.trustee_init->add_option("--index", c.trustee_index, "this trustee's index on the board (1 …)")->required();
  c.trustee_init->add_option("--secret", c.secret_file, "the secret file to create (never overwritten)")->required();
  for (auto** step : {&c.trustee_commit, &c.trustee_accept, &c.trustee_decrypt}) {
    const char* name = step == &c.trustee_commit ? "commit" : step == &c.trustee_accept ? "accept" : "decrypt";
    const char* help = step == &c.trustee_commit   ? "print the trustee-commitments payload (after the setup)"
                       : step == &c.trustee_accept ? "open the shares and print the trustee-accepted payload"
                                                   : "print the partial-decryption payload of the latest tally";
    *step = c.trustee->add_subcommand(name, help);
    (*step)->add_option("--secret", c.secret_file, "this trustee's secret file")->required();
    (*step)
        ->add_option("--board", c.board_file, "the board (GET /api/v1/elections/{id}/board); - for stdin")
        ->required();
  }
}

int run_election_commands(const ElectionCommands& c) {
  if (c.verify && *c.verify) return verify_election(c.board_file);
  if (c.credentials && *c.credentials) return issue_credentials(c.count, c.private_file, c.public_file);
  if (c.trustee_init && *c.trustee_init) return trustee_init(c.trustee_index, c.secret_file);
  if (c.trustee && *c.trustee) return trustee_step(c);
  return -1;
}

}  // namespace plenum::cli
