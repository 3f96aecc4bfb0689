#include "sweeplab/cluster/slurm_queue.h"

#include <sstream>

#include "sweeplab/cluster/slurm_tools.h"

namespace sweeplab {
namespace {

std::vector<std::string> splitFields(const std::string& line) {
  std::vector<std::string> fields;
  std::string field;
  std::istringstream stream(line);
  while (std::getline(stream, field, '|')) fields.push_back(field);
  return fields;
}

std::string firstWord(const std::string& text) {
  return text.substr(0, text.find(' '));
}

// "123_7" -> {7}; "123_[4-6%2]" or "123_[1,3-4]" -> {4, 5, 6} or {1, 3, 4}; other jobs -> {}.
std::vector<int> taskIndices(const std::string& id, const std::string& jobId) {
  const std::string head = jobId + "_";
  if (id.compare(0, head.size(), head) != 0) return {};
  std::string rest = id.substr(head.size());
  if (rest.empty()) return {};
  if (rest.front() != '[') {
    if (rest.find_first_not_of("0123456789") != std::string::npos) return {};
    return {std::stoi(rest)};
  }
  rest = rest.substr(1, rest.find_first_of("%]") - 1);
  std::vector<int> indices;
  std::istringstream ranges(rest);
  for (std::string range; std::getline(ranges, range, ',');) {
    const size_t dash = range.find('-');
    try {
      const int first = std::stoi(range.substr(0, dash));
      const int last = dash == std::string::npos ? first : std::stoi(range.substr(dash + 1));
      for (int i = first; i <= last; ++i) indices.push_back(i);
    } catch (const std::exception&) {
    }
  }
  return indices;
}

std::map<int, SlurmTaskState> parseLines(const std::string& text, const std::string& jobId,
                                         int reasonField, int nodeField) {
  std::map<int, SlurmTaskState> tasks;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    const std::vector<std::string> fields = splitFields(line);
    if (fields.size() < 2) continue;
    for (int index : taskIndices(fields[0], jobId)) {
      SlurmTaskState& task = tasks[index];
      task.task = index;
      task.state = firstWord(fields[1]);
      if (static_cast<int>(fields.size()) > reasonField) task.reason = fields[reasonField];
      if (static_cast<int>(fields.size()) > nodeField) task.node = fields[nodeField];
      if (task.reason == "None" || task.reason == "(null)") task.reason.clear();
    }
  }
  return tasks;
}

}  // namespace

std::map<int, SlurmTaskState> parseSqueueArray(const std::string& text, const std::string& jobId) {
  return parseLines(text, jobId, 2, 3);
}

std::map<int, SlurmTaskState> parseSacctArray(const std::string& text, const std::string& jobId) {
  return parseLines(text, jobId, 3, 2);  // steps ("123_4.batch") fail taskIndices's digit check
}

std::map<int, SlurmTaskState> queryArrayTasks(const std::string& commandPrefix,
                                              const std::string& jobId) {
  std::map<int, SlurmTaskState> tasks;
  // Accounting, where the cluster keeps it, knows the tasks that have left the queue.
  const ToolResult sacct = runSlurmTool(
      commandPrefix, "sacct",
      {"--noheader", "--parsable2", "--jobs=" + jobId, "--format=JobID,State,NodeList,Reason"});
  if (sacct.exit_code == 0) tasks = parseSacctArray(sacct.out, jobId);
  const ToolResult squeue =
      runSlurmTool(commandPrefix, "squeue",
                   {"--noheader", "--array", "--jobs=" + jobId, "--format=%i|%T|%r|%N"});
  // squeue refuses a job id it no longer knows ("Invalid job id specified"): nothing is queued.
  if (squeue.exit_code == 0)
    for (const auto& [index, task] : parseSqueueArray(squeue.out, jobId)) tasks[index] = task;
  return tasks;
}

}  // namespace sweeplab
