// Captions of exported figures: automatic ones that read as a sentence ("Training accuracy for
// different batch sizes"), a person's own caption carried to every figure of an export, and
// numbering only when asked for, so it never clashes with the numbering of the paper they go in.
#pragma once

#include <QString>

#include "charts/figure_data.h"
#include "sweeplab/metrics.h"

namespace sweeplab::ui {

// The swept keys as a plural noun phrase: "batch sizes", "models", "learning rates and batch
// sizes"; empty when nothing is swept.
QString sweptKeysPhrase(const sweeplab::RunSummary& summary);

// What a figure shows, from its chart titles: "Training accuracy", "Training and validation
// loss".
QString figureName(const FigureData& figure);

// "NAME for different batch sizes (EXPERIMENT)"; "NAME per trial" when nothing is swept. The
// experiment's name is left out when it only repeats the swept key.
QString automaticCaption(const sweeplab::RunSummary& summary, const QString& name);

// A person's caption on one figure of several: "CAPTION — NAME"; the caption alone when it is
// the export's only figure.
QString captionForFigure(const QString& caption, const QString& name, bool severalFigures);

// "Figure N: TEXT" for number > 0, else TEXT unchanged.
QString numberedCaption(const QString& text, int number);

}  // namespace sweeplab::ui
