// Expected text of every results-table format for testing::twoTrialSummary(). Checked by hand:
// 605.4 s is 10m05s, 3725 s is 1h02m, the diverged trial's missing final validation accuracy
// prints as "-" (null in JSON, empty in CSV). Kept apart from the test because moc cannot read
// raw string literals.
#pragma once

namespace sweeplab::testing {

inline const char* const kMarkdown =
    R"(| Trial              | Status   | Model        | Params | Epochs | Val acc at best loss | Final val acc | Test acc | Test loss | Wall time |
| ------------------ | -------- | ------------ | -----: | -----: | -------------------: | ------------: | -------: | --------: | --------: |
| model=jsc-tiny     | finished | jsc-tiny     |    117 |     20 |               0.7123 |        0.7101 |   0.7166 |    0.8465 |    10m05s |
| model=jsc-tiny-x10 | diverged | jsc-tiny-x10 |   1997 |     50 |               0.7251 |             - |   0.7267 |    0.7775 |     1h02m |
)";

inline const char* const kMarkdownTransposed =
    R"(| Metric               | model=jsc-tiny | model=jsc-tiny-x10 |
| -------------------- | -------------: | -----------------: |
| test accuracy        |       0.716586 |           0.726731 |
| test loss            |       0.846463 |           0.777506 |
| val acc at best loss |       0.712300 |           0.725100 |
| params               |            117 |               1997 |
| epochs               |             20 |                 50 |
| wall time            |         10m05s |              1h02m |
| status               |       finished |           diverged |
)";

inline const char* const kCsv =
    R"(index,label,model.name,repeat,seed,model,status,message,train_acc,train_loss,val_acc,val_loss,best_val_acc,best_val_loss,best_epoch,test_acc,test_loss,test_acc_micro,tested_checkpoint,trainable_parameters,train_rows,val_rows,test_rows,device,wall_seconds,epochs_completed,steps,folder
0,model=jsc-tiny,jsc-tiny,0,0,jsc-tiny,finished,,0.70125,0.85,0.7101,0.84,0.7123,0.8399,18,0.716586,0.846463,0.75,best,117,597600,66400,166000,CPU,605.4,20,46700,000-model-jsc-tiny
1,model=jsc-tiny-x10,jsc-tiny-x10,1,1,jsc-tiny-x10,diverged,"loss is nan, ""lr"" too high",0.70125,0.85,,,0.7251,0.8399,31,0.726731,0.777506,,best,1997,597600,66400,166000,CPU,3725,50,116750,001-model-jsc-tiny-x10
)";

inline const char* const kLatex = R"(\begin{tabular}{lllrrrrrrr}
\toprule
Trial & Status & Model & Params & Epochs & Val acc at best loss & Final val acc & Test acc & Test loss & Wall time \\
\midrule
model=jsc-tiny & finished & jsc-tiny & 117 & 20 & 0.7123 & 0.7101 & 0.7166 & 0.8465 & 10m05s \\
model=jsc-tiny-x10 & diverged & jsc-tiny-x10 & 1997 & 50 & 0.7251 & - & 0.7267 & 0.7775 & 1h02m \\
\bottomrule
\end{tabular}
)";

inline const char* const kJson = R"([
  {
    "index": 0,
    "label": "model=jsc-tiny",
    "swept": {
      "model.name": "jsc-tiny"
    },
    "repeat": 0,
    "seed": 0,
    "model": "jsc-tiny",
    "status": "finished",
    "message": "",
    "train_acc": 0.70125,
    "train_loss": 0.85,
    "val_acc": 0.7101,
    "val_loss": 0.84,
    "best_val_acc": 0.7123,
    "best_val_loss": 0.8399,
    "best_epoch": 18,
    "test_acc": 0.716586,
    "test_loss": 0.846463,
    "test_acc_micro": 0.75,
    "tested_checkpoint": "best",
    "test_class_recall": [],
    "test_confusion": [],
    "dead_classes": [],
    "trainable_parameters": 117,
    "train_rows": 597600,
    "val_rows": 66400,
    "test_rows": 166000,
    "device": "CPU",
    "wall_seconds": 605.4,
    "epochs_completed": 20,
    "steps": 46700,
    "folder": "000-model-jsc-tiny",
    "group": 0
  },
  {
    "index": 1,
    "label": "model=jsc-tiny-x10",
    "swept": {
      "model.name": "jsc-tiny-x10"
    },
    "repeat": 1,
    "seed": 1,
    "model": "jsc-tiny-x10",
    "status": "diverged",
    "message": "loss is nan, \"lr\" too high",
    "train_acc": 0.70125,
    "train_loss": 0.85,
    "val_acc": null,
    "val_loss": null,
    "best_val_acc": 0.7251,
    "best_val_loss": 0.8399,
    "best_epoch": 31,
    "test_acc": 0.726731,
    "test_loss": 0.777506,
    "test_acc_micro": null,
    "tested_checkpoint": "best",
    "test_class_recall": [],
    "test_confusion": [],
    "dead_classes": [],
    "trainable_parameters": 1997,
    "train_rows": 597600,
    "val_rows": 66400,
    "test_rows": 166000,
    "device": "CPU",
    "wall_seconds": 3725.0,
    "epochs_completed": 50,
    "steps": 116750,
    "folder": "001-model-jsc-tiny-x10",
    "group": 0
  }
]
)";

}  // namespace sweeplab::testing
