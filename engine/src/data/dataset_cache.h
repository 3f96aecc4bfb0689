// On-disk cache of prepared datasets, so a sweep that reuses a data file skips parsing,
// de-duplication, splitting and scaling.
#pragma once

#include <memory>
#include <string>

#include "sweeplab/dataset.h"

namespace sweeplab {

// The cache file for a fingerprint inside `cache_dir`.
std::string datasetCachePath(const std::string& cache_dir, const std::string& fingerprint);

// The cached dataset, or nullptr when the file is missing, from another format version,
// truncated, corrupt or made for another fingerprint.
std::shared_ptr<PreparedDataset> loadCachedDataset(const std::string& path,
                                                   const std::string& fingerprint);

// Writes through a temporary file renamed into place, so readers never see half a file.
// Returns false (and leaves no temporary behind) when the folder is not writable.
bool storeCachedDataset(const std::string& path, const PreparedDataset& dataset);

}  // namespace sweeplab
