// The Slurm commands run as child processes with both output streams captured; a prefix such
// as "ssh login" makes them run on another machine, where ssh hands one command line to the
// remote shell, hence the quoting.
#include "sweeplab/cluster/slurm_tools.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sstream>

#include "sweeplab/errors.h"

extern char** environ;

namespace sweeplab {
namespace {

std::vector<std::string> splitWords(const std::string& text) {
  std::istringstream stream(text);
  std::vector<std::string> words;
  for (std::string word; stream >> word;) words.push_back(word);
  return words;
}

// Reads both pipes until both close, so neither child stream can fill up and block it.
void drain(int outFd, int errFd, std::string& out, std::string& err) {
  pollfd fds[2] = {{outFd, POLLIN, 0}, {errFd, POLLIN, 0}};
  std::string* sinks[2] = {&out, &err};
  int open = 2;
  char buffer[4096];
  while (open > 0) {
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      const ssize_t got = ::read(fds[i].fd, buffer, sizeof buffer);
      if (got > 0) {
        sinks[i]->append(buffer, static_cast<size_t>(got));
      } else if (got == 0 || errno != EINTR) {
        ::close(fds[i].fd);
        fds[i].fd = -1;
        --open;
      }
    }
  }
}

std::string notFoundMessage(const std::string& program, const std::string& tool, bool viaPrefix) {
  if (viaPrefix)
    return "cannot run the cluster command prefix's program '" + program +
           "': it is not installed or not on PATH (check the Slurm command prefix)";
  return tool +
         " was not found on PATH: run Sweeplab where the Slurm client commands are installed, "
         "or set a command prefix that reaches them (for example 'ssh login.cluster.example')";
}

}  // namespace

std::string shellQuote(const std::string& word) {
  const bool plain = !word.empty() && word.find_first_not_of(
                                          "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                          "0123456789_-.,/:=%@+") == std::string::npos;
  if (plain) return word;
  std::string quoted = "'";
  for (char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

ToolResult runSlurmTool(const std::string& commandPrefix, const std::string& tool,
                        const std::vector<std::string>& args) {
  std::vector<std::string> argv = splitWords(commandPrefix);
  const bool viaPrefix = !argv.empty();
  if (viaPrefix) {
    std::string remote = shellQuote(tool);
    for (const std::string& arg : args) remote += " " + shellQuote(arg);
    argv.push_back(remote);
  } else {
    argv.push_back(tool);
    argv.insert(argv.end(), args.begin(), args.end());
  }
  std::vector<char*> cargv;
  for (std::string& word : argv) cargv.push_back(word.data());
  cargv.push_back(nullptr);

  int outPipe[2], errPipe[2];
  if (::pipe(outPipe) != 0) throw std::runtime_error("pipe: " + std::string(strerror(errno)));
  if (::pipe(errPipe) != 0) {
    ::close(outPipe[0]);
    ::close(outPipe[1]);
    throw std::runtime_error("pipe: " + std::string(strerror(errno)));
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, outPipe[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, errPipe[1], STDERR_FILENO);
  posix_spawn_file_actions_addclose(&actions, outPipe[0]);
  posix_spawn_file_actions_addclose(&actions, errPipe[0]);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, cargv[0], &actions, nullptr, cargv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(outPipe[1]);
  ::close(errPipe[1]);
  if (spawned != 0) {
    ::close(outPipe[0]);
    ::close(errPipe[0]);
    if (spawned == ENOENT) throw InputError(notFoundMessage(argv[0], tool, viaPrefix));
    throw InputError("cannot run " + argv[0] + ": " + strerror(spawned));
  }
  ToolResult result;
  drain(outPipe[0], errPipe[0], result.out, result.err);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  // A shell behind the prefix answers 127 for a command it cannot find.
  if (viaPrefix && result.exit_code == 127)
    throw InputError(tool + " was not found by '" + commandPrefix + "': " + result.err);
  return result;
}

}  // namespace sweeplab
