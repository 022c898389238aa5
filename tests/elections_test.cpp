// Counting an election round by the Election Law's rules: validity of the round and of each
// ballot, the threshold over ALL members, most votes up to the seats, ties at the cut-off,
// unfilled seats and the county/township re-election floor.
#include <gtest/gtest.h>

#include "elections/count.h"

namespace plenum::elections {
namespace {

rules::Threshold more_than_half_of_all() {
  return {
      rules::Comparison::kMoreThan, {1, 2}, rules::Base::kAllMembers, {"全国人民代表大会议事规则第四十条", "art. 40"}};
}

Round round_of(int64_t seats, std::vector<std::string> names, int64_t members, int64_t issued, int64_t returned) {
  Round r;
  r.seats = seats;
  for (size_t i = 0; i < names.size(); ++i) r.candidates.push_back({"c" + std::to_string(i + 1), names[i]});
  r.members = members;
  r.issued = issued;
  r.returned = returned;
  r.threshold = more_than_half_of_all();
  return r;
}

// `for_votes[i]` ballots voting for candidate i only (1 seat) — or, generally, ballots built by hand.
Totals totals_of(const Round& r, std::vector<int64_t> for_votes, int64_t void_ballots = 0) {
  Totals t;
  t.valid_ballots = r.returned - void_ballots;
  t.void_ballots = void_ballots;
  for (size_t i = 0; i < for_votes.size(); ++i) t.for_votes["c" + std::to_string(i + 1)] = for_votes[i];
  return t;
}

TEST(ElectionCount, MoreReturnedThanIssuedVoidsTheRound) {
  Round r = round_of(1, {"甲"}, 100, 90, 91);
  auto result = count_totals(r, totals_of(r, {80}));
  ASSERT_TRUE(result.is_ok());
  EXPECT_FALSE(result->valid);
  EXPECT_TRUE(result->elected.empty());
  EXPECT_EQ(result->unfilled, 1);
  EXPECT_EQ(result->announcement_zh,
            "发出选票90张，收回选票91张，收回的选票多于发出的选票，本次选举无效，须重新投票。");
  // Equal is valid.
  Round ok = round_of(1, {"甲"}, 100, 90, 90);
  auto fine = count_totals(ok, totals_of(ok, {80}));
  ASSERT_TRUE(fine.is_ok());
  EXPECT_TRUE(fine->valid);
  EXPECT_NE(fine->announcement_zh.find("收回的选票等于发出的选票，选举有效"), std::string::npos);
}

TEST(ElectionCount, ABallotWithMoreNamesThanSeatsIsVoid) {
  Round r = round_of(2, {"甲", "乙", "丙"}, 5, 5, 5);
  std::vector<Ballot> ballots = {
      {{{"c1", Mark::kFor}, {"c2", Mark::kFor}, {"c3", Mark::kFor}}, {}},          // three names for two seats
      {{{"c1", Mark::kFor}, {"c2", Mark::kFor}, {"c3", Mark::kAgainst}}, {"丁"}},  // two plus a write-in: three
      {{{"c1", Mark::kFor}, {"c2", Mark::kFor}, {"c3", Mark::kAgainst}}, {}},
      {{{"c1", Mark::kFor}, {"c3", Mark::kAgainst}}, {"丁"}},  // one plus a write-in: two
      {{}, {}},                                                // blank: valid, abstains
  };
  EXPECT_TRUE(is_void(r, ballots[0]));
  EXPECT_TRUE(is_void(r, ballots[1]));
  EXPECT_FALSE(is_void(r, ballots[3]));
  auto result = count_ballots(r, ballots);
  ASSERT_TRUE(result.is_ok()) << result.error().message_en;
  EXPECT_EQ(result->void_ballots, 2);
  EXPECT_EQ(result->valid_ballots, 3);
  EXPECT_EQ(result->candidates[0].for_votes, 2);
  EXPECT_EQ(result->candidates[2].against_votes, 2);
  EXPECT_EQ(result->candidates[2].abstentions, 1);
  ASSERT_EQ(result->candidates.size(), 4u);
  EXPECT_TRUE(result->candidates[3].written_in);
  EXPECT_EQ(result->candidates[3].name, "丁");
  EXPECT_EQ(result->candidates[3].for_votes, 1);
}

TEST(ElectionCount, ElectedOnlyWithMoreThanHalfOfAllMembers) {
  // 2956 members: 1479 is more than half, 1478 is exactly half and not enough — however many
  // ballots came back.
  Round r = round_of(1, {"甲"}, 2956, 2000, 2000);
  auto half = count_totals(r, totals_of(r, {1478}));
  ASSERT_TRUE(half.is_ok());
  EXPECT_EQ(half->minimum, 1479);
  EXPECT_TRUE(half->elected.empty());
  EXPECT_EQ(half->unfilled, 1);
  auto more = count_totals(r, totals_of(r, {1479}));
  ASSERT_TRUE(more.is_ok());
  EXPECT_EQ(more->elected, std::vector<std::string>{"甲"});
  EXPECT_EQ(more->unfilled, 0);
}

TEST(ElectionCount, MostVotesWinUpToTheSeats) {
  Round r = round_of(2, {"甲", "乙", "丙", "丁"}, 100, 100, 100);
  Totals t = totals_of(r, {55, 70, 60, 10});
  auto result = count_totals(r, t);
  ASSERT_TRUE(result.is_ok());
  EXPECT_EQ(result->elected, (std::vector<std::string>{"乙", "丙"}));
  EXPECT_TRUE(result->candidates[0].meets_threshold);  // 甲 had a majority but fewer votes
  EXPECT_FALSE(result->candidates[0].elected);
  EXPECT_FALSE(result->candidates[3].meets_threshold);
}

TEST(ElectionCount, ATieAtTheCutOffGoesToANewRound) {
  Round r = round_of(2, {"甲", "乙", "丙"}, 100, 100, 100);
  auto result = count_totals(r, totals_of(r, {70, 60, 60}));
  ASSERT_TRUE(result.is_ok());
  EXPECT_EQ(result->elected, std::vector<std::string>{"甲"});
  EXPECT_EQ(result->runoff, (std::vector<std::string>{"乙", "丙"}));
  EXPECT_EQ(result->runoff_seats, 1);
  EXPECT_EQ(result->unfilled, 0);
  EXPECT_NE(result->announcement_zh.find("甲当选。乙、丙得票相等，须就1个名额再次投票。"), std::string::npos)
      << result->announcement_zh;
  // A tie inside the seats is no tie.
  auto both = count_totals(r, totals_of(r, {60, 60, 30}));
  ASSERT_TRUE(both.is_ok());
  EXPECT_EQ(both->elected, (std::vector<std::string>{"甲", "乙"}));
  EXPECT_TRUE(both->runoff.empty());
  // A tie below the threshold decides nothing: the seat is simply unfilled.
  auto low = count_totals(r, totals_of(r, {70, 40, 40}));
  ASSERT_TRUE(low.is_ok());
  EXPECT_TRUE(low->runoff.empty());
  EXPECT_EQ(low->unfilled, 1);
}

TEST(ElectionCount, UnfilledSeatsAndTheCountyReelectionFloor) {
  Round r = round_of(3, {"甲", "乙", "丙", "丁"}, 100, 95, 90);
  auto first = count_totals(r, totals_of(r, {80, 45, 30, 29}));
  ASSERT_TRUE(first.is_ok());
  EXPECT_EQ(first->elected, std::vector<std::string>{"甲"});
  EXPECT_EQ(first->unfilled, 2);
  EXPECT_NE(first->announcement_zh.find("尚有2个名额未选出，须另行选举。"), std::string::npos);
  // The re-election of a county seat: most votes, with at least a third of the ballots returned.
  Round again = round_of(2, {"乙", "丙", "丁"}, 100, 95, 90);
  again.reelection = true;
  again.reelection_floor = rules::Threshold{
      rules::Comparison::kAtLeast,
      {1, 3},
      rules::Base::kVotesCast,
      {"中华人民共和国全国人民代表大会和地方各级人民代表大会选举法第四十五条", "Election Law, art. 45"}};
  auto second = count_totals(again, totals_of(again, {45, 30, 29}));
  ASSERT_TRUE(second.is_ok());
  EXPECT_EQ(second->minimum, 30);
  EXPECT_EQ(second->elected, (std::vector<std::string>{"乙", "丙"}));  // 30 of 90 is a third; 29 is not
  EXPECT_EQ(second->unfilled, 0);
}

TEST(ElectionCount, WriteInsOnlyOnElectionBallotsInPlaceOfACandidateVotedAgainst) {
  Round r = round_of(1, {"甲"}, 10, 10, 1);
  EXPECT_TRUE(check_ballot(r, {{{"c1", Mark::kAgainst}}, {"乙"}}).is_ok());
  EXPECT_EQ(check_ballot(r, {{{"c1", Mark::kAbstain}}, {"乙"}}).error().code, ErrorCode::kMalformed);
  EXPECT_EQ(check_ballot(r, {{{"c1", Mark::kAgainst}}, {"甲"}}).error().code, ErrorCode::kMalformed);
  EXPECT_EQ(check_ballot(r, {{{"c9", Mark::kFor}}, {}}).error().code, ErrorCode::kMalformed);
  r.kind = BallotKind::kConfirmation;
  EXPECT_EQ(check_ballot(r, {{{"c1", Mark::kAgainst}}, {"乙"}}).error().code, ErrorCode::kMalformed);
  Totals t = totals_of(r, {0});
  t.write_in_votes["乙"] = 1;
  EXPECT_EQ(count_totals(r, t).error().code, ErrorCode::kMalformed);
}

TEST(ElectionCount, TotalsThatDoNotAddUpAreRefusedAndGoodOnesMatchTheBallots) {
  Round r = round_of(1, {"甲", "乙"}, 10, 10, 10);
  EXPECT_TRUE(count_totals(r, totals_of(r, {5, 3}, 2)).is_ok());
  Totals bad = totals_of(r, {5, 4});
  bad.void_ballots = 1;  // 10 valid + 1 void ≠ 10 returned
  EXPECT_EQ(count_totals(r, bad).error().code, ErrorCode::kMalformed);
  Totals over = totals_of(r, {8, 4});  // 12 names on 10 one-seat ballots
  EXPECT_EQ(count_totals(r, over).error().code, ErrorCode::kMalformed);
  Totals too_many = totals_of(r, {5, 4});
  too_many.against_votes["c1"] = 6;  // 5 for + 6 against > 10 valid
  EXPECT_EQ(count_totals(r, too_many).error().code, ErrorCode::kMalformed);
  EXPECT_EQ(count_ballots(r, std::vector<Ballot>(9)).error().code, ErrorCode::kMalformed);  // 9 entered, 10 returned

  // The same ten ballots, entered one by one and as totals, give the same announcement.
  std::vector<Ballot> ballots;
  for (int i = 0; i < 6; ++i) ballots.push_back({{{"c1", Mark::kFor}, {"c2", Mark::kAgainst}}, {}});
  for (int i = 0; i < 3; ++i) ballots.push_back({{{"c2", Mark::kFor}, {"c1", Mark::kAgainst}}, {}});
  ballots.push_back({{{"c1", Mark::kFor}, {"c2", Mark::kFor}}, {}});  // two names, one seat: void
  Totals t = totals_of(r, {6, 3}, 1);
  t.against_votes = {{"c1", 3}, {"c2", 6}};
  auto by_ballot = count_ballots(r, ballots);
  auto by_totals = count_totals(r, t);
  ASSERT_TRUE(by_ballot.is_ok());
  ASSERT_TRUE(by_totals.is_ok());
  EXPECT_EQ(by_ballot->announcement_zh, by_totals->announcement_zh);
  EXPECT_EQ(by_ballot->announcement_zh,
            "应选1名，发出选票10张，收回选票10张，收回的选票等于发出的选票，选举有效。有效票9张，无效票1张。"
            "甲赞成6票，反对3票，弃权0票；乙赞成3票，反对6票，弃权0票。甲当选。");
}

}  // namespace
}  // namespace plenum::elections
