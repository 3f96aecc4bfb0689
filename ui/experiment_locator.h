// Finds the folder of ready experiment files, for an installed binary and one run from the
// build tree alike, and where a person's own studies go.
#pragma once

#include <QString>
#include <QStringList>

namespace sweeplab::ui {

// Where to look, in order: $SWEEPLAB_EXPERIMENTS_DIR, <exe>/../share/sweeplab/experiments,
// the source tree's experiments/.
QStringList experimentsDirCandidates();
// The first candidate that exists; empty when none does.
QString findExperimentsDir();
// The experiment opened when none is named: experiments/batch_size.yaml; empty when missing.
QString defaultExperimentFile();

// A study that is never overwritten: one of the ready studies (a file in the folder
// findExperimentsDir finds) or a file that cannot be written. A new file is neither.
bool isProtectedStudy(const QString& path);
// Where a person's own studies are saved by default: the "studies/directory" setting (the
// folder last saved in), else "Sweeplab experiments" in the documents folder.
QString userStudiesDir();
void setUserStudiesDir(const QString& directory);
// The file name a study is proposed under: "my batch study" -> "my_batch_study.yaml".
QString studyFileName(const QString& studyName);

}  // namespace sweeplab::ui
