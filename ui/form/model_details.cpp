// Describes the model with the same plan the trainer builds from, so the counts match the run.
#include "form/model_details.h"

#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

#include "sweeplab/errors.h"
#include "sweeplab/model_catalog.h"

namespace sweeplab::ui {

ModelDetails::ModelDetails(QWidget* parent)
    : QWidget(parent), summary_(new QLabel(this)), layers_(new QLabel(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  summary_->setWordWrap(true);
  summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layers_->setWordWrap(true);
  layers_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  QFont mono = layers_->font();
  mono.setFamily(QStringLiteral("monospace"));
  mono.setStyleHint(QFont::TypeWriter);
  layers_->setFont(mono);
  layout->addWidget(summary_);
  layout->addWidget(layers_);
  layout->addStretch(1);
}

void ModelDetails::showModel(const ModelSpec& model) {
  try {
    const ModelInfo info = describeModel(model);
    summary_->setText(tr("<b>%1</b>: %2<br>%3 trainable parameters (16 inputs, 5 classes)")
                          .arg(QString::fromStdString(info.name).toHtmlEscaped(),
                               QString::fromStdString(info.description).toHtmlEscaped(),
                               QLocale().toString(info.trainable_parameters)));
    QStringList layers;
    for (const LayerDef& layer : info.layers) {
      QString line = QString::fromStdString(layer.toString());
      if (const long long count = layer.trainableParameters(); count > 0)
        line += QStringLiteral("  [%1]").arg(count);
      layers << line;
    }
    layers_->setText(layers.join(QLatin1Char('\n')));
  } catch (const InputError& e) {
    summary_->setText(tr("No model: %1").arg(QString::fromUtf8(e.what()).toHtmlEscaped()));
    layers_->clear();
  }
}

QString ModelDetails::summaryText() const {
  return summary_->text();
}

}  // namespace sweeplab::ui
