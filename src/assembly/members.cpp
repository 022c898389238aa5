// A member's record as the desk keeps it after the roster is imported: corrections to name,
// gender, delegation, group and card (assembly.update_member), and the member's photo
// (assembly.set_photo, taken by POST /api/v1/members/{member_id}/photo; assembly.remove_photo). All on the
// ledger and taken by the secretariat of the member's body; a seat is never renumbered (votes,
// ballots and check-ins name it).
#include <string>

#include "assembly/assembly.h"
#include "assembly/roster_csv.h"
#include "assembly/tables.h"
#include "base/args.h"
#include "base/text.h"

namespace plenum::assembly {
namespace {

using ledger::ActionContext;
using ledger::Event;

constexpr size_t kNameChars = 64;  // as the roster allows
constexpr size_t kGroupChars = 64;

// What a photo may be: a JPEG or PNG of at most 5 MiB (a passport photo is far smaller).
const store::BlobLimits& photo_limits() {
  static const store::BlobLimits kLimits{5 << 20, {"image/jpeg", "image/png"}};
  return kLimits;
}

// Only the fields given change; a field given as it already is changes nothing. Nothing to
// change is no error (the desk saved an unchanged form) and records no event.
Status update_member(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto member, member_arg(ctx, args));
  PLENUM_TRY(ctx.require_role(member.body, {"secretariat"}));
  Json changes = Json::object();
  if (args.contains("name") && !args["name"].is_null()) {
    std::string name = trim(args["name"].get<std::string>());
    if (name.empty() || has_control_character(name))
      return invalid("args.name", "姓名不能为空，也不能含控制字符",
                     "the name must not be empty or hold control characters");
    if (size_t n = code_points(name); n > kNameChars)
      return invalid("args.name", "姓名过长：" + std::to_string(n) + "个字符，最多64个",
                     "the name is too long: " + std::to_string(n) + " characters, at most 64");
    if (name != member.name) changes["name"] = name;
  }
  if (args.contains("gender") && !args["gender"].is_null()) {
    std::string gender = args["gender"];
    if (gender != member.gender) changes["gender"] = gender;
  }
  if (args.contains("card") && !args["card"].is_null()) {
    std::string card = trim(args["card"].get<std::string>());
    if (!is_member_code(card))
      return invalid("args.card", "证件号只能是1至32个英文字母、数字或连字符(-)",
                     "the card number must be 1 to 32 ASCII letters, digits or '-'");
    if (card != member.card) {
      if (auto holder = tables::member_by_card(ctx.reader(), member.body, card))
        return make_error(
            ErrorCode::kConflict, "证件号 " + card + " 已属于 " + holder->name + "（座位 " + holder->seat + "）",
            "card " + card + " already belongs to " + holder->name + " (seat " + holder->seat + ")", "args.card");
      changes["card"] = card;
    }
  }
  if (args.contains("unit") && !args["unit"].is_null()) {
    std::string name = trim(args["unit"].get<std::string>());
    auto unit = tables::unit_by_name(ctx.reader(), member.body, name);
    if (!unit) return not_found("代表团或界别“" + name + "”", "unit \"" + name + "\"", "args.unit");
    if (unit->id != member.unit_id) changes["unit_id"] = unit->id;
  }
  if (args.contains("group") && !args["group"].is_null()) {
    std::string group = trim(args["group"].get<std::string>());
    if (has_control_character(group))
      return invalid("args.group", "小组名称含控制字符", "the group holds control characters");
    if (size_t n = code_points(group); n > kGroupChars)
      return invalid("args.group", "小组名称过长：" + std::to_string(n) + "个字符，最多64个",
                     "the group is too long: " + std::to_string(n) + " characters, at most 64");
    if (group != member.group_name) changes["group_name"] = group;
  }
  Json changed = Json::array();
  for (const auto& [field, value] : changes.items()) changed.push_back(field);
  if (!changes.empty()) {
    changes["member_id"] = member.id;
    ctx.emit(member.body, "assembly.member_updated", std::move(changes));
  }
  ctx.result() = Json{{"member_id", member.id}, {"changed", changed}};
  return Status::ok();
}

// On the submitting thread: the photo an event names must be in the file store, of the type
// and size it says (a backup copies every file an event names). Putting the stored bytes again
// is idempotent and yields their true reference, which replaces what was claimed. Only for the
// body's secretariat: no one else can make the server read a file.
Status check_photo(const ledger::Preparation& p, Json& args) {
  std::string body;
  {
    auto reader = p.store.read();
    auto member = tables::member(*reader, args["member_id"].get<int64_t>());
    if (!member) return Status::ok();  // the handler says so
    body = member->body;
  }
  if (!p.has_role(body, {"secretariat"})) return Status::ok();  // the handler refuses it
  if (!p.files) return make_error(ErrorCode::kInternal, "没有文件存储", "no file store", "args.photo");
  const std::string sha = args["photo"]["sha256"];
  if (!store::is_sha256_hex(sha))
    return invalid("args.photo.sha256", "文件名应为64位小写十六进制", "sha256 must be 64 lowercase hex digits");
  auto bytes = p.files->get(sha);
  if (!bytes) {
    if (bytes.error().code != ErrorCode::kNotFound) return bytes.error();
    return not_found("照片文件（先以 POST /api/v1/members/{member_id}/photo 上传）",
                     "photo file (upload it with POST /api/v1/members/{member_id}/photo first)", "args.photo.sha256");
  }
  auto ref = p.files->put(*bytes, args["photo"]["content_type"], photo_limits());
  if (!ref) {
    Error e = ref.error();
    e.field = "args.photo";
    return e;
  }
  args["photo"] = ref->to_json();
  return Status::ok();
}

// Taken only by the upload route (the server refuses it at /api/v1/actions), so the file it
// names is one its sender has just sent. The same photo again records nothing.
Status set_photo(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto member, member_arg(ctx, args));
  PLENUM_TRY(ctx.require_role(member.body, {"secretariat"}));
  const Json& photo = args["photo"];
  if (!member.photo || member.photo->sha256 != photo["sha256"] || member.photo->content_type != photo["content_type"])
    ctx.emit(member.body, "assembly.member_photo_set", Json{{"member_id", member.id}, {"photo", photo}});
  ctx.result() = Json{{"member_id", member.id}, {"photo", photo}};
  return Status::ok();
}

Status remove_photo(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto member, member_arg(ctx, args));
  PLENUM_TRY(ctx.require_role(member.body, {"secretariat"}));
  if (member.photo)
    ctx.emit(member.body, "assembly.member_photo_set", Json{{"member_id", member.id}, {"photo", Json()}});
  ctx.result() = Json{{"member_id", member.id}, {"photo", Json()}};
  return Status::ok();
}

}  // namespace

void register_member_record(ledger::Registry::Room& room) {
  using ledger::Arg;
  room.add_action(
      "assembly.update_member",
      ledger::ArgSchema{
          Arg::id("member_id").required(),
          Arg::text("name", kNameChars).describe("The member's name (at most 64 characters)."),
          Arg::choice("gender", {"M", "F", ""}).describe("M, F, or \"\" for not given."),
          Arg::string("card", 64, 1)
              .describe("The card number used at check-in (1-32 of A-Z, a-z, 0-9, -), unique in the body."),
          Arg::text("unit", 64).describe("The delegation or sector, by its name; it must exist in the body."),
          Arg::string("group", 4 * kGroupChars).describe("The member's group (小组); \"\" for none.")},
      update_member);
  room.add_action(
      "assembly.set_photo",
      ledger::ArgSchema{
          Arg::id("member_id").required(),
          Arg::object("photo", ledger::ArgSchema{Arg::string("sha256", 64, 64).required(),
                                                 Arg::integer("size", 1, photo_limits().max_bytes).required(),
                                                 Arg::choice("content_type", photo_limits().content_types).required()})
              .required()
              .describe("The file the upload route has just stored.")},
      set_photo, check_photo);
  room.add_action("assembly.remove_photo", ledger::ArgSchema{Arg::id("member_id").required()}, remove_photo);

  room.add_projector("assembly.member_updated", [](store::TableWriter& w, const Event& e) {
    const Json& p = e.payload;
    auto m = tables::member(w, p["member_id"]);
    if (p.contains("name")) m->name = p["name"];
    if (p.contains("gender")) m->gender = p["gender"];
    if (p.contains("card")) m->card = p["card"];
    if (p.contains("unit_id")) m->unit_id = p["unit_id"];
    if (p.contains("group_name")) m->group_name = p["group_name"];
    tables::put_member(w, *m);
  });
  room.add_projector("assembly.member_photo_set", [](store::TableWriter& w, const Event& e) {
    const Json& p = e.payload;
    auto m = tables::member(w, p["member_id"]);
    m->photo.reset();
    if (p["photo"].is_object())
      m->photo = store::BlobRef{p["photo"]["sha256"], p["photo"]["size"], p["photo"]["content_type"]};
    tables::put_member(w, *m);
  });

  using ledger::ReadRequest;
  using ledger::ReadRule;
  // The photo: for whom the member's record is (the member, the secretariat, the presiding).
  room.add_route({"/api/v1/members/{member_id}/photo",
                  ReadRule::roles_in({"secretariat", "presiding"}, body_of_member()).or_self(member_param()),
                  [](const ReadRequest& r) -> Result<ledger::ReadReply> {
                    auto m = tables::member(r.reader, r.id("member_id"));
                    if (!m->photo) return not_found("该成员的照片", "this member's photo", "member_id");
                    return ledger::ReadReply::file(m->photo->sha256, m->photo->content_type);
                  }});
  // The photo as a JPEG or PNG body; recorded by one assembly.set_photo.
  room.add_upload({"/api/v1/members/{member_id}/photo", "", "assembly.set_photo",
                   [](const ReadRequest& r, const ledger::UploadBody& upload) -> Result<Json> {
                     return Json{{"member_id", r.id("member_id")}, {"photo", upload.file->to_json()}};
                   },
                   ledger::FileUpload{photo_limits(), ReadRule::roles_in({"secretariat"}, body_of_member())}});
}

}  // namespace plenum::assembly
