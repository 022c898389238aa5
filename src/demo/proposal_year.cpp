#include "demo/proposal_year.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <random>

#include "base/text.h"

namespace plenum::demo {
namespace {

// Topics by area, phrased as 提案 titles are ("关于……的提案").
const std::array<std::pair<const char*, std::vector<const char*>>, 5> kTopics = {{
    {"economy",
     {"加快发展新质生产力", "促进民营经济发展壮大", "完善科技创新体制机制", "推动制造业数字化转型", "扩大国内需求",
      "加强中小企业融资支持", "推进全国统一大市场建设", "提升产业链供应链韧性", "发展现代化农业", "加强粮食安全保障",
      "促进区域协调发展", "推动高水平对外开放"}},
    {"politics",
     {"加强基层社会治理", "完善法律援助制度", "推进全过程人民民主实践", "加强公共法律服务体系建设",
      "完善信访工作法治化", "加强网络空间治理", "推进基层政务公开"}},
    {"culture",
     {"加强历史文化遗产保护", "推动文化和旅游深度融合", "加强公共文化服务体系建设", "繁荣发展哲学社会科学",
      "推动优秀传统文化传承", "加强青少年阅读推广"}},
    {"society",
     {"加强农村义务教育", "提高乡村教师待遇", "完善养老服务体系", "推进分级诊疗制度建设", "促进高校毕业生就业",
      "完善生育支持政策", "加强职业教育产教融合", "深化医药卫生体制改革", "健全社会保障体系",
      "加强青少年心理健康教育"}},
    {"ecology",
     {"加强长江流域生态保护", "推进碳达峰碳中和", "加强黄河流域生态保护和高质量发展", "推进美丽乡村建设",
      "加强大气污染防治", "完善生态补偿机制"}},
}};

const char* const kVerbs[] = {"进一步", "加快", "切实", "统筹", "着力", "持续"};
const char* const kPlaces[] = {"中西部地区", "东北地区", "革命老区", "民族地区", "城乡结合部", "县域"};

const std::vector<std::string> kUnits = {"国家发展和改革委员会",
                                         "教育部",
                                         "科学技术部",
                                         "工业和信息化部",
                                         "民政部",
                                         "司法部",
                                         "财政部",
                                         "人力资源和社会保障部",
                                         "自然资源部",
                                         "生态环境部",
                                         "住房和城乡建设部",
                                         "交通运输部",
                                         "水利部",
                                         "农业农村部",
                                         "商务部",
                                         "文化和旅游部",
                                         "国家卫生健康委员会",
                                         "中国人民银行",
                                         "国务院国有资产监督管理委员会",
                                         "国家市场监督管理总局",
                                         "国家金融监督管理总局",
                                         "国家医疗保障局",
                                         "国家林业和草原局",
                                         "国家知识产权局",
                                         "最高人民法院",
                                         "最高人民检察院",
                                         "中华全国总工会",
                                         "共青团中央",
                                         "全国妇联",
                                         "中国科协"};

const std::array<std::pair<const char*, const char*>, 12> kCollectives = {{{"party", "民革中央"},
                                                                           {"party", "民盟中央"},
                                                                           {"party", "民建中央"},
                                                                           {"party", "民进中央"},
                                                                           {"party", "农工党中央"},
                                                                           {"party", "致公党中央"},
                                                                           {"party", "九三学社中央"},
                                                                           {"party", "台盟中央"},
                                                                           {"organisation", "全国工商联"},
                                                                           {"organisation", "共青团中央"},
                                                                           {"special_committee", "经济委员会"},
                                                                           {"sector", "科技界"}}};

std::string date_plus(const char* start, int days) { return add_days(start, days); }

std::string quote(const std::string& v) {
  if (v.find_first_of(",\"\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

const std::vector<std::string>& demo_handling_units() { return kUnits; }

std::string proposal_year_csv(const std::vector<std::string>& member_names) {
  std::mt19937 rng(2023'03'04);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  // How the 5,621 divide: 4,791 registered as reported; the rest illustrative.
  std::vector<std::string> outcomes;
  outcomes.insert(outcomes.end(), kProposalsRegistered, "register");
  outcomes.insert(outcomes.end(), 286, "merge");
  outcomes.insert(outcomes.end(), 511, "convert");
  outcomes.insert(outcomes.end(), 21, "withdraw");
  outcomes.insert(outcomes.end(), kProposalsReceived - static_cast<int>(outcomes.size()), "reject");
  std::shuffle(outcomes.begin(), outcomes.end(), rng);
  // Registered ones, in order, are numbered 1..4791; the last few registered late stay unanswered.
  int registered_seen = 0;

  std::string csv =
      "title,area,proposer_kind,proposer_name,stage,channel,submitted_on,outcome,number,merged_into,"
      "reason,reviewed_on,units,assigned_on,replied_on,reply_class,rating,key,facts,analysis,suggestions\n";
  static const char* const kReasons[] = {"personal", "promotion", "academic", "no_content"};
  for (int i = 0; i < kProposalsReceived; ++i) {
    const std::string& outcome = outcomes[i];
    const auto& [area, topics] = kTopics[pick(100) < 35 ? 0 : pick(100) < 20 ? 1 : 2 + pick(3)];
    std::string topic = topics[pick(static_cast<int>(topics.size()))];
    std::string place = pick(3) == 0 ? std::string(kPlaces[pick(6)]) : "";
    std::string title = "关于" + std::string(kVerbs[pick(6)]) + place + topic + "的提案";
    bool collective = pick(10) == 0;
    std::string kind = "member", name;
    if (collective) {
      const auto& c = kCollectives[pick(static_cast<int>(kCollectives.size()))];
      kind = c.first;
      name = c.second;
    } else {
      name = member_names.empty() ? "委员" : member_names[pick(static_cast<int>(member_names.size()))];
    }
    // Most arrive during the 1st session (4-9 March 2023); the rest through the year.
    bool plenary = kind == "sector" || pick(100) < 88;
    int intersession_days = 14 + pick(260);  // to early December 2023
    std::string submitted = plenary ? date_plus("2023-03-04", pick(6)) : date_plus("2023-03-11", intersession_days);
    std::string reviewed = date_plus(submitted.c_str(), 7 + pick(14));
    std::string number, merged_into, reason, units, assigned, replied, reply_class, rating;
    if (outcome == "register") {
      number = std::to_string(++registered_seen);
      int n_units = 1;
      std::string role = "lead";
      int shape = pick(100);
      std::vector<std::string> chosen;
      while (static_cast<int>(chosen.size()) < (shape < 20 ? 2 + pick(2) : shape < 25 ? 2 : 1)) {
        const std::string& u = kUnits[pick(static_cast<int>(kUnits.size()))];
        if (std::find(chosen.begin(), chosen.end(), u) == chosen.end()) chosen.push_back(u);
      }
      n_units = static_cast<int>(chosen.size());
      for (int u = 0; u < n_units; ++u) {
        std::string r = shape >= 20 && shape < 25 ? "split" : u == 0 ? "lead" : "co";
        units += (u ? ";" : "") + chosen[u] + ":" + r;
      }
      assigned = date_plus(reviewed.c_str(), 3 + pick(10));
      // Replies within the three months; the last registered few, assigned late, not yet.
      if (registered_seen > kProposalsRegistered - kProposalsUnanswered) {
        assigned = date_plus("2024-01-15", registered_seen % 7);
      } else {
        replied = date_plus(assigned.c_str(), 20 + pick(60));
        if (replied > "2024-02-29") replied = date_plus("2024-02-20", pick(9));
        int c = pick(100);
        reply_class = c < 62 ? "A" : c < 93 ? "B" : "C";
        int s = pick(100);
        rating = s < 85 ? "satisfied" : s < 98 ? "basically_satisfied" : "dissatisfied";
      }
    } else if (outcome == "merge") {
      merged_into = std::to_string(1 + pick(kProposalsRegistered));  // the import resolves it
    } else if (outcome == "reject") {
      reason = kReasons[pick(4)];
    } else if (outcome == "convert") {
      reason = "转为意见建议，送有关部门参考";
    } else if (outcome == "withdraw") {
      reason = "提案人申请撤回";
    }
    std::string facts = "近年来，" + topic + "工作取得积极进展，但仍存在一些短板和不足。";
    std::string analysis = "主要原因在于政策衔接不够、投入保障不足、体制机制有待完善。";
    std::string suggestions = "建议" + std::string(kVerbs[pick(6)]) + topic + "，完善相关政策措施，加强督促落实。";
    std::vector<std::string> row = {title,
                                    area,
                                    kind,
                                    name,
                                    plenary ? "plenary" : "intersession",
                                    pick(100) < 96 ? "online" : "paper",
                                    submitted,
                                    outcome,
                                    number,
                                    merged_into,
                                    reason,
                                    reviewed,
                                    units,
                                    assigned,
                                    replied,
                                    reply_class,
                                    rating,
                                    "0",
                                    facts,
                                    analysis,
                                    suggestions};
    for (size_t c = 0; c < row.size(); ++c) csv += (c ? "," : "") + quote(row[c]);
    csv += "\n";
  }
  return csv;
}

}  // namespace plenum::demo
