// Test helper shared by the engine and window tests of interrupted runs.
#pragma once

#include <QProcess>

namespace sweeplab::test_support {

// The id of a process that has ended: what a run folder records when its writer was killed.
inline long long endedProcessId() {
  QProcess process;
  process.start(QStringLiteral("true"));
  process.waitForStarted();
  const long long pid = process.processId();
  process.waitForFinished();
  return pid;
}

}  // namespace sweeplab::test_support
