// Saves the X screen (or a part of it) as PNG: grab_screen OUT.png [WxH+X+Y]
// Used under Xvfb, where no screenshot tool is installed.
#include <QGuiApplication>
#include <QPixmap>
#include <QRegularExpression>
#include <QScreen>
#include <cstdio>

int main(int argc, char** argv) {
  QGuiApplication app(argc, argv);
  if (argc < 2) {
    std::fprintf(stderr, "usage: grab_screen OUT.png [WxH+X+Y]\n");
    return 2;
  }
  QPixmap shot = QGuiApplication::primaryScreen()->grabWindow(0);
  if (argc > 2) {
    const auto match = QRegularExpression(R"((\d+)x(\d+)\+(\d+)\+(\d+))").match(argv[2]);
    if (!match.hasMatch()) {
      std::fprintf(stderr, "%s: expected WxH+X+Y\n", argv[2]);
      return 2;
    }
    shot = shot.copy(match.captured(3).toInt(), match.captured(4).toInt(),
                     match.captured(1).toInt(), match.captured(2).toInt());
  }
  return shot.save(QString::fromLocal8Bit(argv[1])) ? 0 : 1;
}
