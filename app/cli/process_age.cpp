#include "process_age.h"

#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

namespace sweeplab::cli {

double processAgeSeconds() {
  // /proc/self/stat's 22nd field is the start time in clock ticks after boot; the command name
  // (field 2) may hold spaces, so the count starts after its closing parenthesis.
  std::ifstream statFile("/proc/self/stat");
  std::string stat((std::istreambuf_iterator<char>(statFile)), std::istreambuf_iterator<char>());
  const size_t close = stat.rfind(')');
  if (close == std::string::npos) return 0;
  std::istringstream fields(stat.substr(close + 2));
  std::string field;
  for (int index = 3; index < 22 && fields >> field; ++index) {
  }
  unsigned long long startTicks = 0;
  if (!(fields >> startTicks)) return 0;
  double uptime = 0;
  std::ifstream uptimeFile("/proc/uptime");
  if (!(uptimeFile >> uptime)) return 0;
  const long ticksPerSecond = ::sysconf(_SC_CLK_TCK);
  if (ticksPerSecond <= 0) return 0;
  const double age = uptime - static_cast<double>(startTicks) / ticksPerSecond;
  return age > 0 && age < 600 ? age : 0;
}

}  // namespace sweeplab::cli
