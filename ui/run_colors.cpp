#include "run_colors.h"

#include <algorithm>
#include <map>

#include "charts/trial_palette.h"
#include "charts/trial_styles.h"

namespace sweeplab::ui {

RunColors runColors(const std::vector<int>& indices, const std::vector<SweptValues>& swept) {
  RunColors result;
  std::map<SweptValues, int> groups;
  for (const SweptValues& values : swept) {
    const auto [it, added] = groups.try_emplace(values, static_cast<int>(groups.size()));
    result.repeats = result.repeats || !added;
    result.groups.push_back(it->second);
  }
  // A two-key grid is drawn with a colour per value of one key (and a dash per value of the
  // other): the table's swatches take the same colours.
  const TrialStyles grid = trialStyles(swept);
  for (size_t i = 0; i < indices.size(); ++i) {
    if (grid.grid)
      result.colors.push_back(trialColor(grid.colorIndices.at(i)));
    else
      result.colors.push_back(trialColor(result.repeats ? result.groups.at(i) : indices[i]));
  }
  return result;
}

std::vector<QColor> overlayColors(const std::vector<long long>& runs,
                                  const std::vector<QColor>& colors) {
  std::map<QRgb, long long> owner;  // the first run to use a colour keeps it
  for (size_t i = 0; i < colors.size(); ++i) owner.try_emplace(colors[i].rgb(), runs[i]);
  std::vector<QRgb> taken;
  for (const auto& [rgb, run] : owner) taken.push_back(rgb);
  std::map<std::pair<long long, QRgb>, QColor> replaced;
  int next = 0;
  std::vector<QColor> result;
  for (size_t i = 0; i < colors.size(); ++i) {
    const QRgb rgb = colors[i].rgb();
    if (owner.at(rgb) == runs[i]) {
      result.push_back(colors[i]);
      continue;
    }
    auto found = replaced.find({runs[i], rgb});
    if (found == replaced.end()) {
      // The palette repeats after three shades of each base colour: past that, share.
      QColor fresh = trialColor(next++);
      for (int tries = 0; tries < 3 * trialPaletteSize() &&
                          std::find(taken.begin(), taken.end(), fresh.rgb()) != taken.end();
           ++tries)
        fresh = trialColor(next++);
      taken.push_back(fresh.rgb());
      found = replaced.emplace(std::make_pair(runs[i], rgb), fresh).first;
    }
    result.push_back(found->second);
  }
  return result;
}

}  // namespace sweeplab::ui
