// File names follow one pattern so a report's folder reads well: NAME.md, NAME-transposed.md,
// NAME.csv, NAME.tex, NAME-accuracy.png ...
#include "results_export.h"

#include <QDir>
#include <QSaveFile>

#include "sweeplab/sweep_insight.h"

namespace sweeplab::ui {

const std::vector<TableFile>& tableFiles() {
  static const std::vector<TableFile> files = {
      {TableFormat::Markdown, "Markdown (one row per trial)", ".md"},
      {TableFormat::MarkdownTransposed, "Markdown, transposed (lab report's Table 1)",
       "-transposed.md"},
      {TableFormat::Csv, "CSV", ".csv"},
      {TableFormat::Latex, "LaTeX", ".tex"},
      {TableFormat::Json, "JSON", ".json"},
  };
  return files;
}

QString tableText(const RunSummary& summary, TableFormat format, const TableOptions& options) {
  return QString::fromStdString(formatResultsTable(summary, format, options));
}

namespace {
const char* suffixOf(TableFormat format) {
  for (const TableFile& file : tableFiles())
    if (file.format == format) return file.suffix;
  return ".txt";
}

const char* suffixOf(FigureFormat format) {
  switch (format) {
    case FigureFormat::Png:
      return ".png";
    case FigureFormat::Svg:
      return ".svg";
    case FigureFormat::Pdf:
      return ".pdf";
  }
  return "";
}
}  // namespace

bool writeTextFile(const QString& path, const QString& text, QString* error) {
  QSaveFile file(path);
  const QByteArray bytes = text.toUtf8();
  if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
    *error = QStringLiteral("%1: %2").arg(path, file.errorString());
    return false;
  }
  return true;
}

QStringList writeTables(const RunSummary& summary, const std::vector<TableFormat>& formats,
                        const QString& directory, const QString& baseName, QString* error,
                        const TableOptions& options) {
  QStringList written;
  if (!QDir().mkpath(directory)) {
    *error = QObject::tr("%1: cannot create the folder").arg(directory);
    return written;
  }
  for (TableFormat format : formats) {
    const QString path = QDir(directory).absoluteFilePath(baseName + suffixOf(format));
    if (!writeTextFile(path, tableText(summary, format, options), error)) return written;
    written << path;
  }
  return written;
}

QString byValueFileKey(const std::string& key) {
  // "training.batch_size" -> "batch_size"; "model.name" -> "model" (a bare "name" says nothing).
  const QString dotted = QString::fromStdString(key);
  const QStringList parts = dotted.split(QLatin1Char('.'));
  if (parts.size() > 1 && parts.back() == QLatin1String("name")) return parts.front();
  return parts.back();
}

QStringList writeByValueTables(const RunSummary& summary, const std::vector<TableFormat>& formats,
                               const QString& directory, const QString& baseName, QString* error) {
  QStringList written;
  if (!QDir().mkpath(directory)) {
    *error = QObject::tr("%1: cannot create the folder").arg(directory);
    return written;
  }
  for (const SweptKey& key : sweptKeys(summary)) {
    for (TableFormat format : formats) {
      if (format != TableFormat::Markdown && format != TableFormat::Csv &&
          format != TableFormat::Latex)
        continue;
      const QString path = QDir(directory).absoluteFilePath(
          baseName + QStringLiteral("-by-") + byValueFileKey(key.key) + suffixOf(format));
      const QString text = QString::fromStdString(formatByValueTable(summary, key.key, format));
      if (!writeTextFile(path, text, error)) return written;
      written << path;
    }
  }
  return written;
}

QStringList writeFigure(const FigureData& figure, const FigureOptions& options,
                        const std::vector<FigureFormat>& formats, const QString& directory,
                        const QString& baseName, QString* error) {
  QStringList written;
  if (!QDir().mkpath(directory)) {
    *error = QObject::tr("%1: cannot create the folder").arg(directory);
    return written;
  }
  for (FigureFormat format : formats) {
    const QString path = QDir(directory).absoluteFilePath(baseName + suffixOf(format));
    QString why;
    if (!exportFigure(figure, options, path, &why)) {
      *error = QStringLiteral("%1: %2").arg(path, why);
      return written;
    }
    written << path;
  }
  return written;
}

}  // namespace sweeplab::ui
