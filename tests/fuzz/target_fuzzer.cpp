// URL decoding and static path resolution: any request target, split and decoded, then looked
// up in a small web root beside a file that must never be served. Nothing outside the root
// and nothing off the allow-list is ever resolved.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "server/static_files.h"
#include "server/target.h"

namespace {
namespace fs = std::filesystem;

struct Root {
  std::string dir, web;
  Root() {
    dir = (fs::temp_directory_path() / ("plenum-fuzz-root-" + std::to_string(getpid()))).string();
    web = dir + "/www";
    fs::create_directories(web + "/assets");
    std::ofstream(web + "/index.html") << "index";
    std::ofstream(web + "/assets/app.js") << "js";
    std::ofstream(web + "/secret.db") << "secret";
    std::ofstream(dir + "/outside.js") << "outside";
    std::error_code ec;
    fs::create_symlink(dir + "/outside.js", web + "/assets/link.js", ec);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Root root;
  static plenum::server::WebRoot web(root.web);
  std::string target(reinterpret_cast<const char*>(data), size);
  std::string path;
  std::map<std::string, std::string> query;
  plenum::server::split_target(target, &path, &query);
  auto file = web.resolve(path);
  if (!file) return 0;
  // What was resolved lies under the root, is on the allow-list and is not the database.
  if (file->path.rfind(fs::canonical(root.web).string() + "/", 0) != 0) std::abort();
  if (!plenum::server::static_content_type(file->path)) std::abort();
  if (file->path.find("secret.db") != std::string::npos || file->path.find("outside") != std::string::npos)
    std::abort();
  return 0;
}
