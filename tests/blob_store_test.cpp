// store/blobs.h: files by content, durable before an event may name them, never served when they
// no longer match their name; and served through a feature's route only once its rule allows.
#include <filesystem>
#include <fstream>
#include <future>
#include <gtest/gtest.h>
#include <thread>
#include <vector>

#include "app/app.h"
#include "base/text.h"
#include "store/blobs.h"
#include "test_support.h"

namespace plenum {
namespace {

const std::string kPdf = "%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n";
const store::BlobLimits kPapers{1024, {"application/pdf", "text/plain"}};

std::unique_ptr<store::BlobStore> Open(const testing::TempDir& dir) {
  auto blobs = store::open_blob_directory(dir.file("blobs"));
  EXPECT_TRUE(blobs) << blobs.error().message_en;
  return blobs ? std::move(blobs).value() : nullptr;
}

TEST(BlobStore, StoresByContentOnceAndReadsBack) {
  testing::TempDir dir;
  auto blobs = store::open_blob_directory(dir.file("blobs"));
  ASSERT_TRUE(blobs) << blobs.error().message_en;
  auto ref = (*blobs)->put(kPdf, "application/pdf", kPapers);
  ASSERT_TRUE(ref) << ref.error().message_en;
  EXPECT_EQ(ref->sha256, sha256_hex(kPdf));
  EXPECT_EQ(ref->size, static_cast<int64_t>(kPdf.size()));
  EXPECT_TRUE((*blobs)->contains(ref->sha256));
  auto again = (*blobs)->put(kPdf, "application/pdf", kPapers);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->sha256, ref->sha256);
  auto bytes = (*blobs)->get(ref->sha256);
  ASSERT_TRUE(bytes);
  EXPECT_EQ(*bytes, kPdf);
  // One file, in its shard; nothing left aside.
  EXPECT_TRUE(std::filesystem::exists(dir.file("blobs/" + ref->sha256.substr(0, 2) + "/" + ref->sha256)));
  EXPECT_TRUE(std::filesystem::is_empty(dir.file("blobs/tmp")));
}

TEST(BlobStore, RefusesWhatIsTooLargeOfAnotherTypeOrNotWhatItSays) {
  testing::TempDir dir;
  auto blobs = Open(dir);
  EXPECT_EQ(blobs->put(std::string(1025, 'x'), "text/plain", kPapers).error().code, ErrorCode::kTooLarge);
  EXPECT_EQ(blobs->put("\xFF\xD8\xFF\xE0", "image/jpeg", kPapers).error().code, ErrorCode::kMalformed);
  // A "PDF" that is an HTML page, and text that is not UTF-8 or holds a NUL.
  EXPECT_EQ(blobs->put("<html><script>x</script>", "application/pdf", kPapers).error().code, ErrorCode::kMalformed);
  EXPECT_EQ(blobs->put("\xC3\x28", "text/plain", kPapers).error().code, ErrorCode::kMalformed);
  EXPECT_EQ(blobs->put(std::string("a\0b", 3), "text/plain", kPapers).error().code, ErrorCode::kMalformed);
  EXPECT_TRUE(std::filesystem::is_empty(dir.file("blobs/tmp")));
}

TEST(BlobStore, NamesAreOnlyHashesNeverPaths) {
  testing::TempDir dir;
  auto blobs = Open(dir);
  std::ofstream(dir.file("secret")) << "not a blob";
  for (std::string name : {std::string("../secret"), std::string(64, '.'), std::string(64, 'A'), std::string(63, 'a'),
                           std::string("..") + std::string(62, 'a'), std::string(65, 'a'), std::string()}) {
    auto r = blobs->get(name);
    ASSERT_FALSE(r) << name;
    EXPECT_EQ(r.error().code, ErrorCode::kMalformed) << name;
    EXPECT_FALSE(blobs->contains(name)) << name;
  }
  EXPECT_EQ(blobs->get(std::string(64, 'a')).error().code, ErrorCode::kNotFound);
}

TEST(BlobStore, AnAlteredFileIsNeverServed) {
  testing::TempDir dir;
  auto blobs = Open(dir);
  auto ref = *blobs->put(kPdf, "application/pdf", kPapers);
  std::ofstream(dir.file("blobs/" + ref.sha256.substr(0, 2) + "/" + ref.sha256), std::ios::trunc) << "%PDF-forged";
  auto r = blobs->get(ref.sha256);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInternal);
}

TEST(BlobStore, NodesStoringTheSameBytesAtOnceAllSucceed) {
  testing::TempDir dir;
  // Two stores on one directory, as two nodes on shared storage.
  auto a = Open(dir);
  auto b = Open(dir);
  std::vector<std::future<bool>> puts;
  for (int i = 0; i < 8; ++i)
    puts.push_back(std::async(std::launch::async, [&, i] {
      store::BlobStore& s = i % 2 ? *a : *b;
      return static_cast<bool>(s.put("会议文件 " + std::to_string(i % 2), "text/plain", kPapers));
    }));
  for (auto& p : puts) EXPECT_TRUE(p.get());
  EXPECT_EQ(*a->get(sha256_hex("会议文件 1")), "会议文件 1");
  EXPECT_EQ(*b->get(sha256_hex("会议文件 0")), "会议文件 0");
  EXPECT_TRUE(std::filesystem::is_empty(dir.file("blobs/tmp")));
}

// A feature serves a file through its own route, under its own rule (over real HTTP).
TEST(BlobStore, AFeatureRouteServesItsFileToWhomItsRuleAllows) {
  testing::TempDir dir;
  auto app = testing::open_app(dir.file("p.db"));
  auto ref = *app->blobs->put(kPdf, "application/pdf", kPapers);
  app->registry.add_route(
      {"/api/v1/probe/papers/{sha}", ledger::ReadRule::signed_in(), [](const ledger::ReadRequest& r) {
         return Result<ledger::ReadReply>(ledger::ReadReply::file(r.param("sha"), "application/pdf"));
       }});
  testing::add_account(*app, "reader", Json::array());
  testing::TestServer server(*app);
  testing::HttpClient stranger(server.port());
  EXPECT_EQ(stranger.get("/api/v1/probe/papers/" + ref.sha256).status, 401);
  testing::HttpClient reader(server.port());
  ASSERT_EQ(reader.login("reader").status, 200);
  auto ok = reader.get("/api/v1/probe/papers/" + ref.sha256);
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(ok.headers["content-type"], "application/pdf");
  EXPECT_EQ(ok.body, kPdf);
  EXPECT_EQ(reader.get("/api/v1/probe/papers/" + std::string(64, 'b')).status, 404);
  // A name that is no hash never reaches the disk; one that decodes to more segments matches no route.
  EXPECT_EQ(reader.get("/api/v1/probe/papers/%2E%2E").status, 400);
  EXPECT_EQ(reader.get("/api/v1/probe/papers/" + std::string(64, 'A')).status, 400);
  EXPECT_EQ(reader.get("/api/v1/probe/papers/..%2F..%2Fp.db").status, 404);
}

}  // namespace
}  // namespace plenum
