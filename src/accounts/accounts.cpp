#include "accounts/accounts.h"

#include <sodium.h>

#include <algorithm>

#include "accounts/tables.h"
#include "assembly/assembly.h"
#include "assembly/tables.h"
#include "base/text.h"
#include "elections/tables.h"
#include "proposals/tables.h"
#include "voting/tables.h"

namespace plenum::accounts {
namespace {

using ledger::ActionContext;
using ledger::Event;

const char* const kRoles[] = {"admin", "secretariat", "presiding", "member", "observer"};

bool known_role(const std::string& r) {
  return std::any_of(std::begin(kRoles), std::end(kRoles), [&](const char* k) { return r == k; });
}

bool valid_username(const std::string& u) {
  if (u.empty() || u.size() > 64 || u == ledger::kSystemActor) return false;
  return std::all_of(u.begin(), u.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.';
  });
}

Status check_password(const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto pw, req_string(args, "password", "args"));
  // Counted as a person counts it: three Chinese characters are three, not nine bytes.
  if (code_points(pw) < 8 || pw.size() > 256)
    return make_error(ErrorCode::kMalformed, "密码应至少8个字符，且不超过256字节",
                      "a password must be at least 8 characters and at most 256 bytes", "args.password");
  return Status::ok();
}

// Runs on the submitting thread: replaces the password with its Argon2id hash.
Status hash_into_args(Json& args) {
  PLENUM_TRY(check_password(args));
  args["password_hash"] = hash_password(args["password"].get<std::string>());
  args.erase("password");
  return Status::ok();
}

// Whether the account is a desk (secretariat of some body) or an admin: the only accounts that
// may set a password other than their own.
bool is_desk_or_admin(store::Reader& reader, const std::string& username) {
  for (const auto& r : tables::roles(reader, username))
    if (r.role == "secretariat" || r.role == "admin") return true;
  return false;
}

Error not_a_desk() {
  return make_error(ErrorCode::kForbidden, "只有秘书处或管理员可以设定他人的密码",
                    "only a secretariat or an admin may set another account's password", "actor");
}

// Argon2id costs ~0.1 s of a network thread: an account that may not set this password at all
// is refused before it is spent, and before the name is looked up (which would tell it which
// accounts exist). The handler checks the rest on the writer thread.
Status prepare_password(const ledger::Preparation& p, Json& args) {
  if (p.actor != ledger::kSystemActor && !is_desk_or_admin(*p.store.read(), p.actor)) return not_a_desk();
  return hash_into_args(args);
}

// Changing one's own password takes the current one: a session left open on a hall device
// must not be enough to take the account over. An admin resetting another account's password
// needs none (the reset ends that account's sessions). Checked here, off the writer thread,
// since Argon2id takes ~0.1 s.
Status prepare_set_password(const ledger::Preparation& p, Json& args) {
  if (!args.is_object()) return Status::ok();  // the handler reports the shape
  auto own = args.find("username");
  if (own != args.end() && own->is_string() && *own == p.actor && p.actor != ledger::kSystemActor) {
    PLENUM_ASSIGN_OR_RETURN(auto current, req_string(args, "current_password", "args"));
    auto account = tables::account(*p.store.read(), p.actor);
    if (!account || !verify_password(account->password_hash, current))
      return make_error(ErrorCode::kForbidden, "当前密码不正确", "the current password is wrong",
                        "args.current_password");
  }
  args.erase("current_password");
  if (own != args.end() && own->is_string() && *own == p.actor) return hash_into_args(args);
  return prepare_password(p, args);
}

Result<AccountRole> role_arg(const Json& r, const std::string& path) {
  if (!r.is_object()) return make_error(ErrorCode::kMalformed, path + " 应为对象", path + " must be an object", path);
  PLENUM_ASSIGN_OR_RETURN(auto body, req_string(r, "body", path));
  PLENUM_ASSIGN_OR_RETURN(auto role, req_string(r, "role", path));
  if (!known_role(role))
    return make_error(ErrorCode::kMalformed, "未知的角色 " + role, "unknown role " + role, field_path(path, "role"));
  if (role == "admin" && body != "*")
    return make_error(ErrorCode::kMalformed, "管理员角色只能授予全部机构（\"*\"）",
                      "the admin role is granted for all bodies (\"*\") only", field_path(path, "body"));
  return AccountRole{"", body, role};
}

Status may_grant(ActionContext& ctx, const AccountRole& role, const std::string& field) {
  if (role.body != "*" && !assembly::tables::body(ctx.reader(), role.body))
    return make_error(ErrorCode::kNotFound, "未知的机构 " + role.body, "unknown body " + role.body, field);
  if (role.body == "*" || role.role == "admin")
    return ctx.has_role("*", {"admin"}) ? Status::ok()
                                        : make_error(ErrorCode::kForbidden, "只有管理员可以授予此角色",
                                                     "only an admin may grant this role", field);
  return ctx.require_role(role.body, {"secretariat"});
}

Status create(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto username, req_string(args, "username", "args"));
  if (!valid_username(username))
    return make_error(ErrorCode::kMalformed, "用户名只能由字母、数字、-、_、. 组成，最长64个字符",
                      "a username is 1-64 characters of letters, digits, -, _ and .", "args.username");
  PLENUM_ASSIGN_OR_RETURN(auto display, req_string(args, "display_name", "args"));
  std::string name = trim(display);
  if (name.empty() || name.size() > 200)
    return make_error(ErrorCode::kMalformed, "显示名称不能为空且不超过200字节", "display_name must be 1-200 bytes",
                      "args.display_name");
  PLENUM_ASSIGN_OR_RETURN(auto member_id, opt_int(args, "member_id", "args"));
  std::vector<AccountRole> roles;
  if (args.contains("roles")) {
    PLENUM_ASSIGN_OR_RETURN(auto list, req_array(args, "roles", "args"));
    for (size_t i = 0; i < (list)->size(); ++i) {
      std::string path = "args.roles[" + std::to_string(i) + "]";
      PLENUM_ASSIGN_OR_RETURN(auto r, role_arg((*list)[i], path));
      PLENUM_TRY(may_grant(ctx, r, path));
      roles.push_back(r);
    }
  }
  if (roles.empty() && !ctx.has_role("*", {"admin"}))
    return make_error(ErrorCode::kForbidden, "只有管理员可以创建无角色的账户",
                      "only an admin may create an account without roles", "args.roles");
  if (member_id) {
    auto m = assembly::tables::member(ctx.reader(), *member_id);
    if (!m) return make_error(ErrorCode::kNotFound, "未找到该成员", "member not found", "args.member_id");
    if (!ctx.has_role(m->body, {"secretariat"}))
      return make_error(ErrorCode::kForbidden, "只有该成员所属机构的秘书处可以为其开设账户",
                        "only the secretariat of the member's body may open an account for them", "args.member_id");
    if (tables::account_of_member(ctx.reader(), *member_id))
      return make_error(ErrorCode::kConflict, m->name + " 已有账户", m->name + " already has an account",
                        "args.member_id");
  }
  if (tables::account(ctx.reader(), username))
    return make_error(ErrorCode::kConflict, "用户名 " + username + " 已被使用", "username " + username + " is taken",
                      "args.username");
  Json role_json = Json::array();
  for (const auto& r : roles) role_json.push_back(Json{{"body", r.body}, {"role", r.role}});
  ctx.emit(ledger::kAccountsChain, "accounts.created",
           Json{{"username", username},
                {"password_hash", args["password_hash"]},
                {"display_name", name},
                {"member_id", member_id.value_or(0)},
                {"roles", role_json}});
  ctx.result() = Json{{"username", username}};
  return Status::ok();
}

Status change_role(ActionContext& ctx, const Json& args, bool grant) {
  PLENUM_ASSIGN_OR_RETURN(auto username, req_string(args, "username", "args"));
  if (!tables::account(ctx.reader(), username))
    return make_error(ErrorCode::kNotFound, "未找到账户 " + username, "account " + username + " not found",
                      "args.username");
  PLENUM_ASSIGN_OR_RETURN(
      auto role, role_arg(Json{{"body", args.value("body", Json())}, {"role", args.value("role", Json())}}, "args"));
  role.username = username;
  PLENUM_TRY(may_grant(ctx, role, "args.role"));
  auto current = tables::roles(ctx.reader(), username);
  bool has = std::any_of(current.begin(), current.end(),
                         [&](const auto& r) { return r.body == role.body && r.role == role.role; });
  if (has == grant)
    return make_error(ErrorCode::kConflict, grant ? "该账户已有此角色" : "该账户没有此角色",
                      grant ? "the account already has this role" : "the account does not have this role", "args.role");
  ctx.emit(ledger::kAccountsChain, grant ? "accounts.role_granted" : "accounts.role_revoked",
           Json{{"username", username}, {"body", role.body}, {"role", role.role}});
  ctx.result() = Json{{"username", username}};
  return Status::ok();
}

// A vote or an electronic election round the member may take part in is open: a reset now
// would let the desk sign in as the member and vote in their name (or lock them out mid-vote).
std::optional<std::string> open_vote_of(store::Reader& reader, const assembly::MemberRecord& member) {
  auto expects = [&](int64_t sitting_id) {
    auto sitting = assembly::tables::sitting(reader, sitting_id);
    return sitting && assembly::matches(assembly::expected_members(*sitting), member);
  };
  for (const auto& p : voting::tables::open_polls(reader))
    if (p.body == member.body && expects(p.sitting_id)) return std::string("poll");
  for (const auto& r : elections::tables::unfinished_rounds(reader)) {
    auto e = elections::tables::election(reader, r.election_id);
    if (r.state == elections::RoundState::kOpen && e && e->body == member.body && e->mode == "electronic" &&
        expects(r.sitting_id))
      return std::string("election");
  }
  return std::nullopt;
}

Status record_reset(ActionContext& ctx, const std::string& username, const assembly::MemberRecord& member,
                    const Json& password_hash);

// The secretariat resets a member's forgotten password (docs/SECURITY.md): only a member's account,
// only by the secretariat of the member's body (or an admin), never while the member may vote. The
// member's sessions end, and the member is told at the next sign-in who reset it and when.
Status reset_password(ActionContext& ctx, const Json& args) {
  if (!is_desk_or_admin(ctx.reader(), ctx.actor())) return not_a_desk();
  PLENUM_ASSIGN_OR_RETURN(auto username, req_string(args, "username", "args"));
  if (username == ctx.actor())
    return make_error(ErrorCode::kForbidden, "不能重设自己的密码：请修改密码（需要当前密码）",
                      "you cannot reset your own password: change it, with the current one", "args.username");
  auto account = tables::account(ctx.reader(), username);
  if (!account)
    return make_error(ErrorCode::kNotFound, "未找到账户 " + username, "account " + username + " not found",
                      "args.username");
  auto member = account->member_id ? assembly::tables::member(ctx.reader(), account->member_id) : std::nullopt;
  if (!member)
    return make_error(ErrorCode::kForbidden, "只能为成员的账户重设密码；其他账户的密码由管理员修改",
                      "only a member's account is reset here; an admin sets other accounts' passwords",
                      "args.username");
  PLENUM_TRY(ctx.require_role(member->body, {"secretariat"}));
  // An account that holds any role beyond a member's of its own body is staff as well (a
  // presiding officer, another body's desk, an admin): the desk must not be able to sign in as it.
  for (const auto& r : tables::roles(ctx.reader(), username))
    if (r.body != member->body || r.role != "member")
      return make_error(ErrorCode::kForbidden, "该账户还担任其他角色，其密码只能由管理员修改",
                        "the account holds other roles too: only an admin sets its password", "args.username");
  return record_reset(ctx, username, *member, args["password_hash"]);
}

Status record_reset(ActionContext& ctx, const std::string& username, const assembly::MemberRecord& member,
                    const Json& password_hash) {
  if (auto what = open_vote_of(ctx.reader(), member))
    return make_error(
        ErrorCode::kConflict,
        member.name + (*what == "poll" ? " 可以参加的表决" : " 可以参加的电子选举") + "正在进行，结束后才能重设其密码",
        std::string("a ") + (*what == "poll" ? "vote" : "electronic election round") + " " + member.name +
            " may take part in is open: reset the password once it has closed",
        "args.username");
  ctx.emit(ledger::kAccountsChain, "accounts.password_reset",
           Json{{"username", username}, {"password_hash", password_hash}, {"member_id", member.id}});
  ctx.result() = Json{{"username", username}};
  return Status::ok();
}

Status set_password(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto username, req_string(args, "username", "args"));
  if (ctx.actor() != username && !ctx.has_role("*", {"admin"}))
    return make_error(ErrorCode::kForbidden, "只能修改本人的密码", "you may change only your own password",
                      "args.username");
  auto account = tables::account(ctx.reader(), username);
  if (!account)
    return make_error(ErrorCode::kNotFound, "未找到账户 " + username, "account " + username + " not found",
                      "args.username");
  // An admin setting a member's password is a reset like the desk's: refused while the member
  // may vote, and the member is told.
  if (ctx.actor() != username && account->member_id) {
    if (auto member = assembly::tables::member(ctx.reader(), account->member_id))
      return record_reset(ctx, username, *member, args["password_hash"]);
  }
  ctx.emit(ledger::kAccountsChain, "accounts.password_set",
           Json{{"username", username}, {"password_hash", args["password_hash"]}});
  ctx.result() = Json{{"username", username}};
  return Status::ok();
}

Status set_disabled(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto username, req_string(args, "username", "args"));
  auto it = args.find("disabled");
  if (it == args.end() || !it->is_boolean())
    return make_error(ErrorCode::kMalformed, "字段 args.disabled 应为布尔值", "field args.disabled must be a boolean",
                      "args.disabled");
  if (!ctx.has_role("*", {"admin"}))
    return make_error(ErrorCode::kForbidden, "只有管理员可以停用或启用账户",
                      "only an admin may disable or enable an account", "actor");
  auto account = tables::account(ctx.reader(), username);
  if (!account)
    return make_error(ErrorCode::kNotFound, "未找到账户 " + username, "account " + username + " not found",
                      "args.username");
  bool disabled = it->get<bool>();
  if (account->disabled == disabled)
    return make_error(ErrorCode::kConflict, disabled ? "该账户已停用" : "该账户未停用",
                      disabled ? "the account is already disabled" : "the account is not disabled", "args.disabled");
  if (username == ctx.actor())
    return make_error(ErrorCode::kConflict, "不能停用自己的账户", "you cannot disable your own account",
                      "args.username");
  ctx.emit(ledger::kAccountsChain, "accounts.disabled_set", Json{{"username", username}, {"disabled", disabled}});
  ctx.result() = Json{{"username", username}, {"disabled", disabled}};
  return Status::ok();
}

// The sign-in throttle at the edge locked an account name after repeated wrong passwords
// (src/server/login_throttle.h): kept on the accounts chain for the admin's audit. Only the
// system actor records it; it changes no state.
Status record_lockout(ActionContext& ctx, const Json& args) {
  if (ctx.actor() != ledger::kSystemActor)
    return make_error(ErrorCode::kForbidden, "只有系统可以记录登录锁定", "only the system records a sign-in lockout",
                      "actor");
  PLENUM_ASSIGN_OR_RETURN(auto username, req_string(args, "username", "args"));
  PLENUM_ASSIGN_OR_RETURN(auto address, req_string(args, "address", "args"));
  PLENUM_ASSIGN_OR_RETURN(auto failures, req_int(args, "failures", "args"));
  PLENUM_ASSIGN_OR_RETURN(auto until, req_string(args, "locked_until", "args"));
  Json payload{{"username", username}, {"address", address}, {"failures", failures}, {"locked_until", until}};
  // Guesses from a browser that once signed in (its device cookie) lock that browser only.
  if (args.contains("known_device")) {
    if (!args["known_device"].is_boolean())
      return make_error(ErrorCode::kMalformed, "known_device 应为布尔值", "known_device must be a boolean",
                        "args.known_device");
    if (args["known_device"].get<bool>()) payload["known_device"] = true;
  }
  ctx.emit(ledger::kAccountsChain, "accounts.login_locked", std::move(payload));
  return Status::ok();
}

}  // namespace

std::string hash_password(const std::string& password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("out of memory while hashing a password");
  return out;
}

bool verify_password(const std::string& hash, const std::string& password) {
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

Result<AccountRecord> authenticate(store::Reader& reader, const std::string& username, const std::string& password) {
  auto acc = tables::account(reader, username);
  // Hash anyway for unknown users so the response time does not reveal which usernames exist.
  static const std::string kDummy = hash_password("not-a-real-password");
  bool ok = verify_password(acc ? acc->password_hash : kDummy, password);
  if (!acc || !ok || acc->disabled)
    return make_error(ErrorCode::kUnauthenticated, "用户名或密码不正确", "wrong username or password", "password");
  return *acc;
}

bool has_role(store::Reader& reader, const std::string& username, const std::string& body,
              const std::vector<std::string>& roles) {
  for (const auto& r : tables::roles(reader, username)) {
    if (r.role == "admin") return true;
    if (r.body != body && r.body != "*") continue;
    if (roles.empty()) return true;
    for (const auto& want : roles)
      if (r.role == want) return true;
  }
  return false;
}

bool has_role(store::Reader& reader, const std::string& username, const std::string& body,
              std::initializer_list<const char*> roles) {
  return has_role(reader, username, body, std::vector<std::string>(roles.begin(), roles.end()));
}

Status may_act_with_password(store::Reader& reader, const std::string& username, const std::string& action) {
  if (action == "accounts.set_password" || !tables::password_reset(reader, username)) return Status::ok();
  return make_error(ErrorCode::kForbidden, "你的密码由他人重设：请先设定自己的密码，再进行其他操作",
                    "your password was reset by someone else: choose your own before doing anything else", "actor");
}

Json describe(store::Reader& reader, const AccountRecord& a) {
  Json roles = Json::array();
  for (const auto& r : tables::roles(reader, a.username)) roles.push_back(Json{{"body", r.body}, {"role", r.role}});
  // The handling units (承办单位) the account answers for, so a unit's portal knows its ids.
  Json units = Json::array();
  for (int64_t id : proposals::tables::units_of_account(reader, a.username))
    if (auto u = proposals::tables::handling_unit(reader, id))
      units.push_back(Json{{"id", u->id}, {"body", u->body}, {"name_zh", u->name_zh}});
  auto reset = tables::password_reset(reader, a.username);
  return Json{{"username", a.username},
              {"display_name", a.display_name},
              {"member_id", a.member_id ? Json(a.member_id) : Json()},
              {"roles", roles},
              {"handling_units", units},
              {"password_reset", reset ? Json{{"by", reset->by}, {"at", iso_time(reset->at)}} : Json()}};
}

// The kinds this feature's actions take (each documented once in docs/openapi.json).
const ledger::Arg kAccountRoleName = ledger::Arg::kind(
    "AccountRoleName", {"admin", "secretariat", "presiding", "member", "observer"},
    "Account roles (权限角色): admin (on \"*\" only) may do everything; secretariat (秘书处/会务) runs a body; "
    "presiding (主持人) opens and closes sittings and decides leave; member (成员/代表/委员) checks themselves "
    "in and requests leave; observer (观察员, e.g. a screen) may follow the live channel and read member "
    "lists.");
const ledger::Arg kAccountRole =
    ledger::Arg::object(
        "", ledger::ArgSchema{ledger::Arg::string("body", 32, 1)
                                  .required()
                                  .describe("A body id, or \"*\" for every body (admin is granted on \"*\" only).")
                                  .example("npc"),
                              kAccountRoleName.as("role").required()})
        .named("AccountRole");

void register_feature(ledger::Registry& r) {
  auto room = r.add_room(tables::slice());
  register_routes(r);
  r.set_identity({[](store::Reader& reader, const std::string& username) {
                    std::vector<ledger::Grant> grants;
                    for (auto& role : tables::roles(reader, username)) grants.push_back({role.body, role.role});
                    return grants;
                  },
                  [](store::Reader& reader, const std::string& username) -> int64_t {
                    auto account = tables::account(reader, username);
                    return account ? account->member_id : 0;
                  }});
  r.add_action(
      "accounts.create",
      ledger::ArgSchema{
          ledger::Arg::string("username", 64, 1)
              .documented({{"pattern", "^[A-Za-z0-9._-]{1,64}$"}})
              .required()
              .describe("1-64 characters of letters, digits, -, _ and .; not system."),
          ledger::Arg::string("password", 256, 8)
              .required()
              .describe("At least 8 characters, at most 256 bytes; stored only as an Argon2id hash."),
          ledger::Arg::string("display_name", 200, 1).required().describe("1-200 bytes after trimming."),
          ledger::Arg::id("member_id")
              .describe("Link the account to a member (a deputy's own account); each member has at most one account."),
          ledger::Arg::array("roles", kAccountRole.as(""), 0, 100)
              .describe("Roles to grant. Without roles only an admin may create the account.")},
      create, prepare_password, ledger::PrepareOn::kOnePerActor);
  r.add_action("accounts.grant_role",
               ledger::ArgSchema{ledger::Arg::string("username", 64, 1).required(),
                                 ledger::Arg::string("body", 32, 1).required().describe("A body id, or \"*\"."),
                                 kAccountRoleName.as("role").required()},
               [](ActionContext& c, const Json& a) { return change_role(c, a, true); });
  r.add_action("accounts.revoke_role",
               ledger::ArgSchema{ledger::Arg::string("username", 64, 1).required(),
                                 ledger::Arg::string("body", 32, 1).required().describe("A body id, or \"*\"."),
                                 kAccountRoleName.as("role").required()},
               [](ActionContext& c, const Json& a) { return change_role(c, a, false); });
  r.add_action(
      "accounts.set_password",
      ledger::ArgSchema{
          ledger::Arg::string("username", 64, 1).required(),
          ledger::Arg::string("password", 256, 8).required().describe("At least 8 characters, at most 256 bytes."),
          ledger::Arg::string("current_password", 256)
              .describe(
                  "Required when an account changes its own password; an admin resetting another account's omits it.")},
      set_password, prepare_set_password, ledger::PrepareOn::kOnePerActor);
  r.add_action(
      "accounts.reset_password",
      ledger::ArgSchema{
          ledger::Arg::string("username", 64, 1).required().describe("A member's account."),
          ledger::Arg::string("password", 256, 8)
              .required()
              .describe(
                  "At least 8 characters, at most 256 bytes: the new password, to hand to the member in person.")},
      reset_password, prepare_password, ledger::PrepareOn::kOnePerActor);
  r.add_action(
      "accounts.set_disabled",
      ledger::ArgSchema{ledger::Arg::string("username", 64, 1).required(), ledger::Arg::boolean("disabled").required()},
      set_disabled);
  r.add_action(
      "accounts.record_lockout",
      ledger::ArgSchema{
          ledger::Arg::string("username", 256, 1).required(),
          ledger::Arg::string("address", 256).required().describe("The client address the failures came from."),
          ledger::Arg::id("failures").required(), ledger::Arg::time("locked_until").required(),
          ledger::Arg::boolean("known_device")
              .describe("The lock is a known device's (server/device_cookie.h), not the name's.")},
      record_lockout);
  room.add_projector("accounts.login_locked", [](store::TableWriter&, const Event&) {});  // audit only
  room.add_projector("accounts.created", [](store::TableWriter& w, const Event& e) {
    const Json& p = e.payload;
    tables::put_account(w, {p["username"], p["password_hash"], p["display_name"], p["member_id"], false, e.at});
    for (const auto& role : p["roles"]) tables::put_role(w, {p["username"], role["body"], role["role"]});
  });
  room.add_projector("accounts.role_granted", [](store::TableWriter& w, const Event& e) {
    tables::put_role(w, {e.payload["username"], e.payload["body"], e.payload["role"]});
  });
  room.add_projector("accounts.role_revoked", [](store::TableWriter& w, const Event& e) {
    tables::remove_role(w, {e.payload["username"], e.payload["body"], e.payload["role"]});
  });
  room.add_projector("accounts.password_set", [](store::TableWriter& w, const Event& e) {
    auto a = tables::account(w, e.payload["username"]);
    a->password_hash = e.payload["password_hash"];
    a->credentials_changed_at = e.at;  // every earlier sign-in ends
    tables::put_account(w, *a);
    tables::clear_password_reset(w, a->username);  // the account's own password again
  });
  room.add_projector("accounts.password_reset", [](store::TableWriter& w, const Event& e) {
    auto a = tables::account(w, e.payload["username"]);
    a->password_hash = e.payload["password_hash"];
    a->credentials_changed_at = e.at;
    tables::put_account(w, *a);
    tables::put_password_reset(w, {a->username, e.actor, e.at});
  });
  room.add_projector("accounts.disabled_set", [](store::TableWriter& w, const Event& e) {
    auto a = tables::account(w, e.payload["username"]);
    a->disabled = e.payload["disabled"];
    a->credentials_changed_at = e.at;
    tables::put_account(w, *a);
  });
}

}  // namespace plenum::accounts
