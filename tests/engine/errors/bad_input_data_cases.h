// The bad-input catalogue's cases past the experiment file: broken CSV and HDF5 data, missing,
// unreadable or misplaced paths, checkpoints from elsewhere handed to evaluate, and a disk that
// fills, each with the one line sweeplab-cli must answer with.
#pragma once

#include <QString>
#include <cmath>
#include <limits>
#include <vector>

#include "bad_input_case.h"

namespace sweeplab::test::cases {

inline std::vector<BadInputCase> dataPathAndDiskCases() {
  const QString C = "CSV data", H = "HDF5 data", P = "Paths", K = "Checkpoints from elsewhere",
                D = "Full disk";
  return {
      // CSV data
      {C, "csv-empty", "An empty file", csv(""), kRun,
       "jets.csv: the file is empty; expected a header row of column names"},
      {C, "csv-header-only", "A header and no rows", csv("f1,f2,class\n"), kRun,
       "jets.csv: the file has a header but no data rows"},
      {C, "csv-no-label-column", "The label column named in the experiment is missing",
       [](const CaseFolder& folder) {
         folder.write("bad.yaml", experiment(kCsv + "  label_column: jet_type\n"));
         folder.write("jets.csv", "f1,f2,class\n1,2,a\n3,4,b\n");
       },
       kRun,
       "jets.csv: label column 'jet_type' not found (dataset.label_column must name one of the "
       "columns: 'f1', 'f2', 'class')"},
      {C, "csv-text-in-number", "Text in a feature column", csv("f1,f2,class\n1,2,a\n3,oops,b\n"),
       kRun, "jets.csv:3: column 'f2': 'oops' is not a number"},
      {C, "csv-ragged-row", "A row with fewer fields than the header",
       csv("f1,f2,class\n1,2,a\n3,b\n5,6,a\n"), kRun,
       "jets.csv:3: the row has 2 fields but the header has 3 (a missing or extra comma, or a "
       "cut-off line?)"},
      {C, "csv-nan", "NaN values", csv("f1,f2,class\n1,2,a\n3,nan,b\n5,6,a\nNaN,8,b\n"), kRun,
       "jets.csv: 2 value(s) are NaN or infinite (or too large for float); the first is at line 3, "
       "column 'f2'; drop or fill those rows before training on the file"},
      {C, "csv-infinity", "An infinite value", csv("f1,f2,class\n1,2,a\n3,4,b\n-inf,6,a\n"), kRun,
       "jets.csv: 1 value(s) are NaN or infinite (or too large for float); the first is at line 4, "
       "column 'f1'; drop or fill those rows before training on the file"},
      {C, "csv-too-large-for-float", "A value beyond the float range",
       csv("f1,f2,class\n1,2,a\n3,1e39,b\n"), kRun,
       "jets.csv: 1 value(s) are NaN or infinite (or too large for float); the first is at line 3, "
       "column 'f2'; drop or fill those rows before training on the file"},
      {C, "csv-single-class", "Every row has the same label",
       csv("f1,f2,class\n1,2,a\n3,4,a\n5,6,a\n"), kRun,
       "jets.csv: label column 'class' has a single class 'a'; classification needs at least two "
       "(set dataset.label_column?)"},
      {C, "csv-unclosed-quote", "A quoted field that is never closed",
       csv("f1,f2,class\n1,2,\"a\n3,4,b\n"), kRun,
       "jets.csv:2: a quoted field is never closed (missing \")"},

      // HDF5 data
      {H, "hdf5-not-hdf5", "A text file where the HDF5 file belongs",
       [](const CaseFolder& folder) {
         folder.write("bad.yaml", experiment(kHdf5));
         folder.write("jets.h5", "f1,f2,class\n1,2,a\n");
       },
       kRun,
       "jets.h5: not an HDF5 file (the jsc-hdf5 source expects the hls4ml file with dataset "
       "'t_allpar_new')"},
      {H, "hdf5-missing-dataset", "The table has another name", hdf5(20, {}, "jets"), kRun,
       "jets.h5: dataset 't_allpar_new' not found (it holds the jet features of the hls4ml JSC "
       "file)"},
      {H, "hdf5-missing-field", "A feature field is missing",
       hdf5(20,
            [](std::vector<Hdf5Field>& fields) {
              fields.erase(fields.begin() + 3);  // j_c1_b2_mmdt
            }),
       kRun,
       "jets.h5: dataset 't_allpar_new': missing field(s) 'j_c1_b2_mmdt'; the fields present are "
       "'j_zlogz', 'j_c1_b0_mmdt', 'j_c1_b1_mmdt', 'j_c2_b1_mmdt', 'j_c2_b2_mmdt', 'j_d2_b1_mmdt', "
       "'j_d2_b2_mmdt', 'j_d2_a1_b1_mmdt', 'j_d2_a1_b2_mmdt', 'j_m2_b1_mmdt', 'j_m2_b2_mmdt', "
       "'j_n2_b1_mmdt', 'j_n2_b2_mmdt', 'j_mass_mmdt', 'j_multiplicity', 'j_g', 'j_q', 'j_w', "
       "'j_z', 'j_t'"},
      {H, "hdf5-wrong-field-type", "A label field holds text",
       hdf5(20,
            [](std::vector<Hdf5Field>& fields) {
              setField(fields, "j_w", {"j_w", FieldType::String8, {}});
            }),
       kRun,
       "jets.h5: dataset 't_allpar_new': field 'j_w' is a string field; it must be an integer or "
       "floating-point number"},
      {H, "hdf5-field-outside-row", "A damaged file: a field placed outside its row",
       [](const CaseFolder& folder) {
         folder.write("bad.yaml", experiment(kHdf5));
         folder.copy(QStringLiteral(SWEEPLAB_SOURCE_DIR) +
                         "/tests/engine/errors/files/field-outside-row.h5",
                     "jets.h5");
       },
       kRun,
       "jets.h5: dataset 't_allpar_new': field 'j_d2_b2_mmdt' lies outside the 168-byte rows "
       "(offset 2053111864, size 8); the file is damaged"},
      {H, "hdf5-zero-rows", "The table has no rows", hdf5(0), kRun,
       "jets.h5: dataset 't_allpar_new': has no rows (is this the full hls4ml file?)"},
      {H, "hdf5-not-one-hot", "A row labelled with two classes",
       hdf5(20,
            [](std::vector<Hdf5Field>& fields) {
              setField(fields, "j_t", {"j_t", FieldType::Int8, [](int row) {
                                         return row == 7 || row % 5 == 4 ? 1 : 0;
                                       }});
            }),
       kRun,
       "jets.h5: dataset 't_allpar_new': row 7 (counting from 0) is not labelled with exactly one "
       "class: j_g=0, j_q=0, j_w=1, j_z=0, j_t=1"},
      {H, "hdf5-nan", "NaN and infinite feature values",
       hdf5(20,
            [](std::vector<Hdf5Field>& fields) {
              fields[5].value = [](int row) {
                return row == 11   ? std::numeric_limits<double>::quiet_NaN()
                       : row == 13 ? std::numeric_limits<double>::infinity()
                                   : double(row);
              };
            }),
       kRun,
       "jets.h5: dataset 't_allpar_new': 2 feature value(s) are NaN or infinite; the first is in "
       "row 11 (counting from 0); drop or fill those rows before training on the file"},

      // Paths
      {P,
       "experiment-missing",
       "The experiment file does not exist",
       {},
       {"run", "nothere.yaml", "--quiet", "--out", "runs"},
       "nothere.yaml: no such file (check the name; a relative path starts at the current folder)"},
      {P,
       "experiment-is-folder",
       "A folder where the experiment file belongs",
       [](const CaseFolder& folder) { folder.makeFolder("study.yaml"); },
       {"run", "study.yaml", "--quiet", "--out", "runs"},
       "study.yaml: is a folder; give the path of an experiment file (.yaml)"},
      {P, "experiment-unreadable", "An experiment file without read permission",
       [](const CaseFolder& folder) {
         folder.write("bad.yaml", experiment(kSynthetic));
         folder.setPermissions("bad.yaml", QFile::WriteOwner);
       },
       kRun,
       "bad.yaml: cannot open the file: Permission denied (check its permissions: it must be "
       "readable)",
       0, true},
      {P, "data-missing", "The data file does not exist", yaml(experiment(kCsv)), kRun,
       "bad.yaml:4:9: dataset.path: data file not found: jets.csv (relative paths start at the "
       "experiment file's folder)"},
      {P, "data-is-folder", "A folder where the data file belongs",
       [](const CaseFolder& folder) {
         folder.write("bad.yaml", experiment(kCsv));
         folder.makeFolder("jets.csv");
       },
       kRun, "jets.csv: is a folder; dataset.path must name a data file"},
      {P, "data-unreadable", "A data file without read permission",
       [](const CaseFolder& folder) {
         folder.write("bad.yaml", experiment(kCsv));
         folder.write("jets.csv", "f1,f2,class\n1,2,a\n3,4,b\n");
         folder.setPermissions("jets.csv", QFile::WriteOwner);
       },
       kRun, "jets.csv: cannot be read (check its permissions)", 0, true},
      {P, "output-unwritable", "An output folder without write permission",
       [](const CaseFolder& folder) {
         folder.write("bad.yaml", experiment(kSynthetic));
         folder.makeFolder("runs");
         folder.setPermissions("runs", QFile::ReadOwner | QFile::ExeOwner);
       },
       kRun,
       "runs/bad-DATE: cannot create the run folder: Permission denied; no permission to write "
       "there: choose a folder you can write to",
       0, true},
      {P,
       "output-under-a-file",
       "An output folder inside a plain file",
       [](const CaseFolder& folder) {
         folder.write("bad.yaml", experiment(kSynthetic));
         folder.write("results", "not a folder\n");
       },
       {"run", "bad.yaml", "--quiet", "--out", "results/runs"},
       "results/runs: cannot create the output folder: Not a directory; part of the path is a "
       "file, not a folder: choose another folder"},
      {P,
       "resume-missing-folder",
       "Resuming a run folder that does not exist",
       [](const CaseFolder&) {},
       {"resume", "runs/never-written", "--quiet"},
       "runs/never-written: no such folder (resume needs a run folder, the folder that "
       "holds experiment.yaml and summary.json)"},
      {P,
       "resume-not-a-run-folder",
       "Resuming a folder that is not a run folder",
       [](const CaseFolder& folder) { folder.makeFolder("results"); },
       {"resume", "results", "--quiet"},
       "results: not a Sweeplab run folder (it has no experiment.yaml)"},

      // Checkpoints handed to `evaluate`: checked against the model before any number is used
      {K, "checkpoint-of-another-model", "A jsc-tiny checkpoint evaluated as jsc-tiny-x10",
       checkpointFor("jsc-tiny-x10"), kEvaluate,
       "tiny.pt: '2.weight' has shape [5, 16] in the file but [40, 16] in jsc-tiny-x10 (a "
       "checkpoint of another model?)"},
      {K, "checkpoint-not-an-archive", "A file that is not a LibTorch checkpoint",
       [](const CaseFolder& folder) {
         folder.write("bad.yaml", experiment(kSynthetic));
         folder.write("tiny.pt", "weights: [0.1, 0.2]\n");
       },
       kEvaluate,
       "tiny.pt: not a LibTorch checkpoint (PytorchStreamReader failed reading zip archive: not "
       "a ZIP archive)"},
      {K, "checkpoint-too-large", "A file far larger than the model's parameters can fill",
       [](const CaseFolder& folder) {
         folder.write("bad.yaml", experiment(kSynthetic));
         folder.write("tiny.pt", QByteArray(2 << 20, '\0'));
       },
       kEvaluate,
       "tiny.pt: 2097152 bytes is more than a checkpoint of jsc-tiny can be (at most 1049784); "
       "refusing to load it"},
      {K, "checkpoint-missing", "The checkpoint file does not exist", yaml(experiment(kSynthetic)),
       kEvaluate, "tiny.pt: checkpoint not found"},
      {K,
       "checkpoint-outside-a-run-folder",
       "A checkpoint outside a run folder, without --experiment",
       checkpointFor("jsc-tiny"),
       {"evaluate", "tiny.pt"},
       "tiny.pt: not in a trial folder of a run folder (RUNDIR/TRIAL/best.pt), so its model and "
       "dataset are unknown; name them with --experiment FILE [--trial N]"},

      // Full disk, simulated with a limit on the size of any one file
      {D, "disk-full-at-checkpoint", "The disk fills before the first checkpoint is written",
       yaml(experiment(kSynthetic)), kRun,
       "runs/bad-DATE/000/last.pt: cannot write: File too large; the file would pass the file-size "
       "limit of this process (ulimit -f) or the largest file this file system holds: raise the "
       "limit, free space or write to another folder",
       4096, false, true},
      {D, "disk-full-mid-sweep", "The disk fills while summary.json grows during a sweep",
       yaml(experiment(kSynthetic,
                       "  learning_rate: 1e-3\nsweep:\n  training.batch_size: [16, 24, 32, 40, 48, "
                       "56, 64, 72, 80, 88, 96, 104]\n")),
       kRun,
       "runs/bad-DATE/summary.json: cannot write: File too large; the file would pass the "
       "file-size limit of this process (ulimit -f) or the largest file this file system holds: "
       "raise the limit, free space or write to another folder",
       12000, false, true},
  };
}

}  // namespace sweeplab::test::cases
