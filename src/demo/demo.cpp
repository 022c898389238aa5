#include "demo/demo.h"

#include <algorithm>
#include <functional>
#include <future>
#include <random>
#include <stdexcept>

#include "assembly/tables.h"
#include "base/text.h"
#include "demo/proposal_year.h"
#include "proposals/import.h"
#include "proposals/tables.h"

namespace plenum::demo {
namespace {

struct Unit {
  const char* name;
  int size;
};

// 35 electoral units of the NPC. Sizes are illustrative; they add up to 2,956.
const Unit kDelegations[] = {{"北京代表团", 54},
                             {"天津代表团", 42},
                             {"河北代表团", 124},
                             {"山西代表团", 68},
                             {"内蒙古代表团", 57},
                             {"辽宁代表团", 99},
                             {"吉林代表团", 62},
                             {"黑龙江代表团", 88},
                             {"上海代表团", 58},
                             {"江苏代表团", 144},
                             {"浙江代表团", 96},
                             {"安徽代表团", 111},
                             {"福建代表团", 68},
                             {"江西代表团", 80},
                             {"山东代表团", 175},
                             {"河南代表团", 171},
                             {"湖北代表团", 111},
                             {"湖南代表团", 118},
                             {"广东代表团", 162},
                             {"广西代表团", 89},
                             {"海南代表团", 26},
                             {"重庆代表团", 59},
                             {"四川代表团", 146},
                             {"贵州代表团", 73},
                             {"云南代表团", 90},
                             {"西藏代表团", 22},
                             {"陕西代表团", 70},
                             {"甘肃代表团", 52},
                             {"青海代表团", 22},
                             {"宁夏代表团", 22},
                             {"新疆代表团", 59},
                             {"香港代表团", 36},
                             {"澳门代表团", 12},
                             {"台湾代表团", 13},
                             {"解放军和武警部队代表团", 277}};

// 34 sectors of the 14th CPPCC National Committee. Sizes are illustrative; they add up to 2,162.
const Unit kSectors[] = {{"中国共产党", 99},
                         {"中国国民党革命委员会", 65},
                         {"中国民主同盟", 65},
                         {"中国民主建国会", 65},
                         {"中国民主促进会", 45},
                         {"中国农工民主党", 45},
                         {"中国致公党", 30},
                         {"九三学社", 45},
                         {"台湾民主自治同盟", 20},
                         {"无党派人士", 65},
                         {"中国共产主义青年团和中华全国青年联合会", 60},
                         {"中华全国总工会", 62},
                         {"中华全国妇女联合会", 67},
                         {"中华全国工商业联合会", 68},
                         {"中国科学技术协会", 44},
                         {"中华全国台湾同胞联谊会", 20},
                         {"中华全国归国华侨联合会", 28},
                         {"文化艺术界", 142},
                         {"科学技术界", 109},
                         {"社会科学界", 70},
                         {"经济界", 153},
                         {"农业界", 67},
                         {"教育界", 110},
                         {"体育界", 17},
                         {"新闻出版界", 44},
                         {"医药卫生界", 107},
                         {"对外友好界", 28},
                         {"社会福利和社会保障界", 37},
                         {"少数民族界", 101},
                         {"宗教界", 68},
                         {"特邀香港人士", 27},
                         {"特邀澳门人士", 13},
                         {"特别邀请人士", 151},
                         {"环境资源界", 25}};

// People the bulletin names: the NPC session's standing and executive chairpersons, and the
// CPPCC chairman and vice-chairpersons. Their units here are illustrative.
const char* const kNpcExecutiveChairs[] = {
    "赵乐际", "李鸿忠", "王东明", "肖捷",   "郑建邦", "丁仲礼",   "郝明金",          "蔡达峰",
    "何维",   "武维华", "铁凝",   "彭清华", "张庆伟", "洛桑江村", "雪克来提·扎克尔", "刘奇"};
const char* const kCppccLeaders[] = {"王沪宁",          "石泰峰", "胡春华", "沈跃跃", "王勇",   "周强",
                                     "帕巴拉·格列朗杰", "何厚铨", "梁振英", "巴特尔", "苏辉",   "邵鸿",
                                     "高云龙",          "陈武",   "穆虹",   "咸辉",   "王东峰", "姜信治",
                                     "蒋作君",          "何报翔", "王光谦", "秦博勇", "朱永新", "杨震"};

const char* const kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
                                 "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋",
                                 "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁",
                                 "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁",
                                 "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金"};
const char* const kGiven[] = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
                              "明", "超", "秀", "霞", "平", "刚", "桂", "华", "建", "国", "文", "红", "玉", "兰", "海",
                              "鹏", "辉", "林", "斌", "宇", "浩", "凯", "晨", "雪", "琳", "峰", "志", "新", "春", "波"};

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// A roster CSV with generated names; the first named people take the first seats.
template <size_t N, size_t M>
std::string roster_csv(const Unit (&units)[N], const char* const (&named)[M], const char* seat_prefix,
                       const char* card_prefix, std::vector<std::string> named_roles, uint32_t seed) {
  std::mt19937 rng(seed);
  std::string csv = "seat,card,name,unit,gender,roles\n";
  int seq = 0;
  size_t next_named = 0;
  for (const auto& unit : units) {
    for (int i = 0; i < unit.size; ++i) {
      ++seq;
      char seat[32], card[32];
      std::snprintf(seat, sizeof seat, "%s%04d", seat_prefix, seq);
      std::snprintf(card, sizeof card, "%s%04d", card_prefix, seq);
      std::string name, roles;
      // Spread the named people over the first units, one per unit.
      if (i == 0 && next_named < M) {
        name = named[next_named++];
        for (size_t r = 0; r < named_roles.size(); ++r) roles += (r ? ";" : "") + named_roles[r];
      } else {
        name = kSurnames[rng() % std::size(kSurnames)];
        name += kGiven[rng() % std::size(kGiven)];
        if (rng() % 3) name += kGiven[rng() % std::size(kGiven)];
      }
      csv += std::string(seat) + "," + card + "," + csv_field(name) + "," + csv_field(unit.name) + "," +
             (rng() % 4 == 0 ? "女" : "男") + "," + roles + "\n";
    }
  }
  return csv;
}

class Loader {
 public:
  Loader(ledger::Ledger& ledger, BulletinClock* clock) : ledger_(ledger), clock_(clock) {}

  // The bulletin's time for the steps that follow (nothing without a clock).
  void at(const char* iso) {
    if (clock_) clock_->set(iso);
  }
  void later(int64_t minutes) {
    if (clock_) clock_->advance_minutes(minutes);
  }

  Result<Json> run(const std::string& action, Json args) {
    PLENUM_ASSIGN_OR_RETURN(auto r, ledger_.submit_and_wait({action, std::move(args), ledger::kSystemActor, "", ""}));
    return r.result;
  }

  // Submits many actions at once so they share group commits; fails on the first error.
  Status run_all(const std::string& action, const std::vector<Json>& args, std::vector<Json>* results) {
    std::vector<std::promise<Result<ledger::Ack>>> promises(args.size());
    std::vector<std::future<Result<ledger::Ack>>> futures;
    for (size_t i = 0; i < args.size(); ++i) {
      futures.push_back(promises[i].get_future());
      ledger_.submit({action, args[i], ledger::kSystemActor, "", ""},
                     [p = &promises[i]](Result<ledger::Ack> r) { p->set_value(std::move(r)); });
    }
    Status first;
    for (auto& f : futures) {
      auto r = f.get();
      if (!r && first) first = r.error();
      if (r && results) results->push_back(r->result);
    }
    return first;
  }

 private:
  ledger::Ledger& ledger_;
  BulletinClock* clock_;
};

// The business of a sitting, run once attendance is taken: given the members present.
using Business = std::function<Status(const std::vector<int64_t>& present)>;

// Opens a sitting, checks in `present` members (a fixed shuffle), gives the absentees leave
// (approved for all but `unexcused`), does its business, and closes it.
Status hold_sitting(Loader& load, store::Store& store, int64_t sitting_id, const std::string& body, int64_t present,
                    int64_t unexcused, uint32_t seed, const char* opens_at, const char* closes_at,
                    const Business& business = {}) {
  load.at(opens_at);
  PLENUM_TRY(load.run("assembly.open_sitting", Json{{"sitting_id", sitting_id}}));
  assembly::MemberFilter all;
  all.body = body;
  std::vector<int64_t> ids, others;
  for (const auto& m : assembly::tables::members(*store.read(), all)) (m.roles.empty() ? others : ids).push_back(m.id);
  // The presidium attends; who else is absent is a fixed shuffle.
  std::mt19937 rng(seed);
  std::shuffle(others.begin(), others.end(), rng);
  ids.insert(ids.end(), others.begin(), others.end());
  std::vector<int64_t> in(ids.begin(), ids.begin() + present), out(ids.begin() + present, ids.end());
  PLENUM_TRY(load.run("attendance.check_in_bulk", Json{{"sitting_id", sitting_id}, {"member_ids", in}}));
  std::vector<Json> requests;
  for (size_t i = static_cast<size_t>(unexcused); i < out.size(); ++i)
    requests.push_back(
        Json{{"sitting_id", sitting_id}, {"member_id", out[i]}, {"reason", i % 3 == 0 ? "因病请假" : "因公请假"}});
  std::vector<Json> leave_ids;
  PLENUM_TRY(load.run_all("attendance.request_leave", requests, &leave_ids));
  std::vector<Json> decisions;
  for (const auto& r : leave_ids) decisions.push_back(Json{{"leave_id", r["leave_id"]}, {"decision", "approved"}});
  PLENUM_TRY(load.run_all("attendance.decide_leave", decisions, nullptr));
  if (business) PLENUM_TRY(business(in));
  load.at(closes_at);
  PLENUM_TRY(load.run("assembly.close_sitting", Json{{"sitting_id", sitting_id}}));
  return Status::ok();
}

struct Item {
  const char* kind;
  const char* organ;
  const char* title_zh;
  const char* title_en;
};

// 十四届全国人大二次会议闭幕会 (2024-03-11): the seven items adopted, in the order of the bulletin.
const Item kNpcClosingItems[] = {
    {"draft_resolution", "presidium", "十四届全国人大二次会议关于政府工作报告的决议",
     "Resolution on the Report on the Work of the Government"},
    {"draft_law", "standing_committee", "中华人民共和国国务院组织法（修订草案）",
     "Organic Law of the State Council (revised draft)"},
    {"draft_resolution", "presidium",
     "十四届全国人大二次会议关于2023年国民经济和社会发展计划执行情况与2024年国民经济和社会发展计划的决议",
     "Resolution on the 2023 plan for national economic and social development and the 2024 plan"},
    {"draft_resolution", "presidium",
     "十四届全国人大二次会议关于2023年中央和地方预算执行情况与2024年中央和地方预算的决议",
     "Resolution on the 2023 central and local budgets and the 2024 budgets"},
    {"draft_resolution", "presidium", "十四届全国人大二次会议关于全国人民代表大会常务委员会工作报告的决议",
     "Resolution on the Work Report of the NPC Standing Committee"},
    {"draft_resolution", "presidium", "十四届全国人大二次会议关于最高人民法院工作报告的决议",
     "Resolution on the Work Report of the Supreme People's Court"},
    {"draft_resolution", "presidium", "十四届全国人大二次会议关于最高人民检察院工作报告的决议",
     "Resolution on the Work Report of the Supreme People's Procuratorate"},
};

// 全国政协十四届二次会议闭幕会 (2024-03-10): the four documents adopted; the proposal review
// report by applause, the resolutions by vote.
const Item kCppccClosingItems[] = {
    {"draft_resolution", "presidium", "政协第十四届全国委员会第二次会议关于常务委员会工作报告的决议",
     "Resolution on the Work Report of the Standing Committee"},
    {"draft_resolution", "presidium",
     "政协第十四届全国委员会第二次会议关于政协十四届一次会议以来提案工作情况报告的决议",
     "Resolution on the report on proposals since the first session"},
    {"report", "presidium", "政协第十四届全国委员会提案委员会关于政协十四届二次会议提案审查情况的报告",
     "Report of the Proposals Committee on the review of proposals"},
    {"draft_resolution", "presidium", "政协第十四届全国委员会第二次会议政治决议", "Political Resolution"},
};

// The explanation of the draft, from the bulletin (2024-03-05): the draft law's first version.
constexpr const char* kOrganicLawExplanation =
    "关于国务院组织法修订草案的说明：国务院组织法修订草案共20条，主要修改内容包括：增加国务院性质地位的规定，"
    "明确国务院工作的指导思想，完善国务院职权的表述，完善国务院组成人员相关规定，完善国务院机构及其职权相关规定，"
    "健全国务院会议制度，增加国务院依法全面正确履行职能的制度措施。";

// Submits an item and brings it to the point of decision: on the agenda, and for a draft law
// deliberated, revised and put in its voting draft.
Result<int64_t> table_item(Loader& load, int64_t session_id, const Item& item) {
  Json args{{"session_id", session_id},
            {"kind", item.kind},
            {"organ", item.organ},
            {"title_zh", item.title_zh},
            {"title_en", item.title_en}};
  bool law = std::string(item.kind) == "draft_law";
  if (law) args["text"] = kOrganicLawExplanation;
  PLENUM_ASSIGN_OR_RETURN(auto submitted, load.run("motions.submit", args));
  int64_t id = (submitted)["motion_id"];
  PLENUM_TRY(load.run("motions.place_on_agenda", Json{{"motion_id", id}}));
  if (law) {
    PLENUM_TRY(load.run("motions.begin_deliberation", Json{{"motion_id", id}}));
    PLENUM_TRY(load.run("motions.add_version", Json{{"motion_id", id},
                                                    {"stage", "revised"},
                                                    {"text", "国务院组织法（修订草案修改稿）"},
                                                    {"note", "根据各代表团审议意见修改"}}));
    PLENUM_TRY(load.run("motions.add_version", Json{{"motion_id", id},
                                                    {"stage", "voting"},
                                                    {"text", "国务院组织法（修订草案表决稿）"},
                                                    {"note", "主席团提请大会表决"}}));
  }
  return id;
}

// Puts a motion to the vote with simulated presses: a few against, abstaining or not pressing
// (a fixed pseudo-random draw), everyone else present for.
Status vote_item(Loader& load, int64_t sitting_id, int64_t motion_id, std::vector<int64_t> present, std::mt19937& rng) {
  PLENUM_ASSIGN_OR_RETURN(auto opened,
                          load.run("voting.open", Json{{"motion_id", motion_id}, {"sitting_id", sitting_id}}));
  int64_t poll = (opened)["poll_id"];
  std::shuffle(present.begin(), present.end(), rng);
  size_t against = rng() % 40, abstain = rng() % 30, silent = rng() % 12;
  std::vector<Json> casts;
  for (size_t i = silent; i < present.size(); ++i) {
    const char* choice = i < silent + against ? "against" : i < silent + against + abstain ? "abstain" : "for";
    casts.push_back(Json{{"poll_id", poll}, {"member_id", present[i]}, {"choice", choice}});
  }
  PLENUM_TRY(load.run_all("voting.cast", casts, nullptr));
  load.later(1);  // the count is announced a minute after the vote opened
  PLENUM_TRY(load.run("voting.close", Json{{"poll_id", poll}}));
  load.later(2);  // the next item is read out
  return Status::ok();
}

Result<int64_t> schedule(Loader& load, int64_t session_id, int64_t number, const char* title_zh, const char* title_en,
                         const char* starts_at) {
  PLENUM_ASSIGN_OR_RETURN(auto r, load.run("assembly.schedule_sitting", Json{{"session_id", session_id},
                                                                             {"kind", "plenary"},
                                                                             {"number", number},
                                                                             {"title_zh", title_zh},
                                                                             {"title_en", title_en},
                                                                             {"starts_at", starts_at}}));
  return (r)["sitting_id"].get<int64_t>();
}

Status accounts(Loader& load, store::Store& store) {
  std::vector<Json> create;
  auto account = [&](std::string username, std::string display, Json roles, int64_t member_id = 0) {
    Json a{{"username", username}, {"password", kDemoPassword}, {"display_name", display}, {"roles", roles}};
    if (member_id) a["member_id"] = member_id;
    create.push_back(a);
  };
  account("admin", "系统管理员", Json::array({{{"body", "*"}, {"role", "admin"}}}));
  for (const char* body : {"npc", "cppcc"}) {
    std::string b = body;
    std::string zh = b == "npc" ? "全国人大" : "全国政协";
    account(b + "-secretariat", zh + "秘书处", Json::array({{{"body", b}, {"role", "secretariat"}}}));
    account(b + "-presiding", zh + "主持人", Json::array({{{"body", b}, {"role", "presiding"}}}));
    assembly::MemberFilter f;
    f.body = b;
    auto members = assembly::tables::members(*store.read(), f);
    for (int i = 0; i < 10 && i < static_cast<int>(members.size()); ++i) {
      char user[32];
      std::snprintf(user, sizeof user, "%s-%04d", body, i + 1);
      account(user, members[i].name, Json::array({{{"body", b}, {"role", "member"}}}), members[i].id);
    }
  }
  account("screen", "大屏幕",
          Json::array({{{"body", "npc"}, {"role", "observer"}}, {{"body", "cppcc"}, {"role", "observer"}}}));
  return load.run_all("accounts.create", create, nullptr);
}

// The CPPCC's proposal year since its 1st session, imported as a historical CSV (the same path
// an operator takes), and demo accounts for three handling units.
Status proposal_year(Loader& load, store::Store& store) {
  PLENUM_ASSIGN_OR_RETURN(auto first, load.run("assembly.create_session",
                                               Json{{"body", "cppcc"},
                                                    {"term", 14},
                                                    {"number", 1},
                                                    {"name_zh", "中国人民政治协商会议第十四届全国委员会第一次会议"},
                                                    {"name_en", "First Session of the 14th CPPCC National Committee"},
                                                    {"short_name_zh", "全国政协十四届一次会议"},
                                                    {"opens_on", "2023-03-04"},
                                                    {"closes_on", "2023-03-11"}}));
  std::vector<std::string> names;
  assembly::MemberFilter f;
  f.body = "cppcc";
  for (const auto& m : assembly::tables::members(*store.read(), f)) names.push_back(m.name);
  PLENUM_ASSIGN_OR_RETURN(auto rows, proposals::parse_import_csv(proposal_year_csv(names)));
  PLENUM_TRY(load.run("proposals.import", Json{{"session_id", (first)["session_id"]}, {"rows", rows}}));
  // The Standing Committee's report on proposal work to the 2nd session gives the year's figures
  // "截至2024年2月底".
  PLENUM_TRY(
      load.run("proposals.set_report_date", Json{{"session_id", (first)["session_id"]}, {"as_of", "2024-02-29"}}));
  auto units = proposals::tables::handling_units(*store.read(), "cppcc");
  for (size_t i = 0; i < 3; ++i) {
    const std::string& name = demo_handling_units()[i];
    auto unit = std::find_if(units.begin(), units.end(),
                             [&](const proposals::HandlingUnitRecord& u) { return u.name_zh == name; });
    if (unit == units.end())
      return make_error(ErrorCode::kInternal, "演示承办单位缺失：" + name, "demo handling unit missing: " + name);
    std::string username = "cppcc-unit-" + std::to_string(i + 1);
    PLENUM_TRY(load.run(
        "accounts.create",
        Json{{"username", username}, {"password", kDemoPassword}, {"display_name", name}, {"roles", Json::array()}}));
    PLENUM_TRY(load.run("proposals.link_account", Json{{"unit_id", unit->id}, {"username", username}}));
  }
  return Status::ok();
}

}  // namespace

BulletinClock::BulletinClock() : now_(std::make_shared<std::atomic<int64_t>>(now_micros())) {}

std::function<int64_t()> BulletinClock::reader() const {
  return [now = now_] { return now->load(); };
}

void BulletinClock::set(const char* iso) {
  int64_t micros = 0;
  if (!parse_iso_time(iso, &micros)) throw std::logic_error(std::string("demo time does not parse: ") + iso);
  now_->store(micros);
}

void BulletinClock::advance_minutes(int64_t minutes) { now_->fetch_add(minutes * 60 * 1000000); }

Result<bool> load_2024(ledger::Ledger& ledger, store::Store& store, BulletinClock* clock) {
  {
    auto reader = store.read();
    if (assembly::tables::body(*reader, "npc") && assembly::tables::body(*reader, "cppcc")) return false;
    if (assembly::tables::body(*reader, "npc") || assembly::tables::body(*reader, "cppcc"))
      return make_error(ErrorCode::kConflict, "数据库中只有部分演示数据", "the database holds part of the demo", "db");
  }
  Loader load(ledger, clock);
  // The bodies, terms, sessions and rosters are ready the week before the sessions open.
  load.at("2024-02-26T10:00+08:00");

  // The 14th NPC, 2nd session.
  PLENUM_TRY(load.run("assembly.create_body", Json{{"id", "npc"},
                                                   {"name_zh", "全国人民代表大会"},
                                                   {"name_en", "National People's Congress"},
                                                   {"rulebook", "npc"}}));
  PLENUM_TRY(load.run(
      "assembly.create_term",
      Json{{"body", "npc"}, {"number", 14}, {"name_zh", "第十四届全国人民代表大会"}, {"starts_on", "2023-03-05"}}));
  PLENUM_ASSIGN_OR_RETURN(
      auto npc_session,
      load.run("assembly.create_session", Json{{"body", "npc"},
                                               {"term", 14},
                                               {"number", 2},
                                               {"name_zh", "第十四届全国人民代表大会第二次会议"},
                                               {"name_en", "Second Session of the 14th National People's Congress"},
                                               {"short_name_zh", "十四届全国人大二次会议"},
                                               {"opens_on", "2024-03-05"},
                                               {"closes_on", "2024-03-11"}}));
  PLENUM_TRY(
      load.run("assembly.import_roster", Json{{"body", "npc"},
                                              {"csv", roster_csv(kDelegations, kNpcExecutiveChairs, "N", "NPC14-",
                                                                 {"presidium", "executive_chair"}, 2024)}}));
  int64_t npc_id = (npc_session)["session_id"];
  PLENUM_ASSIGN_OR_RETURN(auto npc_open, schedule(load, npc_id, 1, "开幕会（第一次全体会议）",
                                                  "Opening meeting (1st plenary sitting)", "2024-03-05T09:00+08:00"));
  PLENUM_ASSIGN_OR_RETURN(auto npc_close, schedule(load, npc_id, 3, "闭幕会（第三次全体会议）",
                                                   "Closing meeting (3rd plenary sitting)", "2024-03-11T15:00+08:00"));
  PLENUM_TRY(
      hold_sitting(load, store, npc_open, "npc", 2872, 2, 305, "2024-03-05T09:00+08:00", "2024-03-05T11:30+08:00"));
  load.at("2024-03-10T18:00+08:00");  // the items are ready for the closing sitting
  std::vector<int64_t> npc_items;
  for (const Item& item : kNpcClosingItems) {
    PLENUM_ASSIGN_OR_RETURN(auto id, table_item(load, npc_id, item));
    npc_items.push_back(id);
  }
  // 闭幕会: opened 15:00, seven votes, closed 15:31.
  PLENUM_TRY(hold_sitting(load, store, npc_close, "npc", 2900, 1, 311, "2024-03-11T15:00+08:00",
                          "2024-03-11T15:31+08:00", [&](const std::vector<int64_t>& present) -> Status {
                            load.later(3);  // the announcement of attendance, then the first item
                            std::mt19937 rng(2024'03'11);
                            for (int64_t id : npc_items) PLENUM_TRY(vote_item(load, npc_close, id, present, rng));
                            return Status::ok();
                          }));
  // The revised Organic Law: presidential order No. 21 of the term, in force on promulgation.
  load.at("2024-03-11T16:00+08:00");
  PLENUM_TRY(
      load.run("promulgation.set_next_number", Json{{"body", "npc"}, {"term", 14}, {"series", "order"}, {"next", 21}}));
  PLENUM_TRY(load.run(
      "promulgation.issue",
      Json{{"motion_id", npc_items[1]}, {"promulgated_on", "2024-03-11"}, {"title_zh", "中华人民共和国国务院组织法"}}));

  // The 14th CPPCC National Committee, 2nd session (its own chain, in its own time).
  load.at("2024-02-26T10:00+08:00");
  PLENUM_TRY(load.run("assembly.create_body",
                      Json{{"id", "cppcc"},
                           {"name_zh", "中国人民政治协商会议全国委员会"},
                           {"name_en", "National Committee of the Chinese People's Political Consultative Conference"},
                           {"rulebook", "cppcc"}}));
  PLENUM_TRY(load.run("assembly.create_term", Json{{"body", "cppcc"},
                                                   {"number", 14},
                                                   {"name_zh", "中国人民政治协商会议第十四届全国委员会"},
                                                   {"starts_on", "2023-03-04"}}));
  PLENUM_ASSIGN_OR_RETURN(
      auto cppcc_session,
      load.run("assembly.create_session", Json{{"body", "cppcc"},
                                               {"term", 14},
                                               {"number", 2},
                                               {"name_zh", "中国人民政治协商会议第十四届全国委员会第二次会议"},
                                               {"name_en", "Second Session of the 14th CPPCC National Committee"},
                                               {"short_name_zh", "全国政协十四届二次会议"},
                                               {"opens_on", "2024-03-04"},
                                               {"closes_on", "2024-03-10"}}));
  PLENUM_TRY(load.run(
      "assembly.import_roster",
      Json{{"body", "cppcc"}, {"csv", roster_csv(kSectors, kCppccLeaders, "C", "CPPCC14-", {"presidium"}, 304)}}));
  int64_t cppcc_id = (cppcc_session)["session_id"];
  PLENUM_ASSIGN_OR_RETURN(auto cppcc_open,
                          schedule(load, cppcc_id, 1, "开幕会", "Opening meeting", "2024-03-04T15:00+08:00"));
  PLENUM_ASSIGN_OR_RETURN(auto cppcc_close,
                          schedule(load, cppcc_id, 2, "闭幕会", "Closing meeting", "2024-03-10T09:00+08:00"));
  std::vector<int64_t> cppcc_items;
  for (const Item& item : kCppccClosingItems) {
    PLENUM_ASSIGN_OR_RETURN(auto id, table_item(load, cppcc_id, item));
    cppcc_items.push_back(id);
  }
  // "大会首先审议通过了政协第十四届全国委员会第二次会议议程" — by applause, as the rulebook allows.
  Json agenda_items = Json::array({{{"title_zh", "听取和审议政协全国委员会常务委员会工作报告"}},
                                   {{"title_zh", "听取和审议政协十四届一次会议以来提案工作情况报告"}},
                                   {{"title_zh", "列席十四届全国人大二次会议，听取政府工作报告等"}}});
  for (int64_t id : cppcc_items) agenda_items.push_back(Json{{"motion_id", id}});
  PLENUM_ASSIGN_OR_RETURN(auto agenda,
                          load.run("motions.submit", Json{{"session_id", cppcc_id},
                                                          {"kind", "agenda"},
                                                          {"organ", "presidium"},
                                                          {"title_zh", "政协第十四届全国委员会第二次会议议程"},
                                                          {"title_en", "Agenda of the Second Session"},
                                                          {"items", agenda_items}}));
  int64_t agenda_id = (agenda)["motion_id"];
  PLENUM_TRY(load.run("motions.place_on_agenda", Json{{"motion_id", agenda_id}}));
  PLENUM_TRY(hold_sitting(
      load, store, cppcc_open, "cppcc", 2093, 1, 304, "2024-03-04T15:00+08:00", "2024-03-04T17:00+08:00",
      [&](const std::vector<int64_t>&) -> Status {
        load.later(5);
        return load.run("motions.adopt_by_applause", Json{{"motion_id", agenda_id}, {"sitting_id", cppcc_open}})
            .status();
      }));
  PLENUM_TRY(hold_sitting(load, store, cppcc_close, "cppcc", 2085, 2, 310, "2024-03-10T09:00+08:00",
                          "2024-03-10T10:30+08:00", [&](const std::vector<int64_t>& present) -> Status {
                            load.later(3);
                            std::mt19937 rng(2024'03'10);
                            for (size_t i = 0; i < cppcc_items.size(); ++i) {
                              if (std::string(kCppccClosingItems[i].kind) == "report")
                                PLENUM_TRY(load.run("motions.adopt_by_applause",
                                                    Json{{"motion_id", cppcc_items[i]}, {"sitting_id", cppcc_close}}));
                              else
                                PLENUM_TRY(vote_item(load, cppcc_close, cppcc_items[i], present, rng));
                            }
                            return Status::ok();
                          }));

  // The proposal year since the 1st session, as of the end of February, and the demo's accounts.
  load.at("2024-03-10T12:00+08:00");
  PLENUM_TRY(proposal_year(load, store));
  PLENUM_TRY(accounts(load, store));
  return true;
}

}  // namespace plenum::demo
