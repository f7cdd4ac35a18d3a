// palomar: the desktop client. Parses the command line, installs the
// language and the look, and hands over to the Launcher.
#include "app/appsettings.h"
#include "app/languages.h"
#include "app/launcher.h"
#include "util/appicon.h"
#include "widgets/theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("palomar"));
    QApplication::setOrganizationName(QStringLiteral("palomar"));
    QApplication::setApplicationDisplayName(QStringLiteral("Palomar"));
    QApplication::setApplicationVersion(QStringLiteral(PALOMAR_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("palomar"));

    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption langOption(
        QStringLiteral("lang"), QStringLiteral("Interface language (en, es); overrides settings."),
        QStringLiteral("code"));
    parser.addOption(langOption);
    parser.process(app);

    const QString language = parser.isSet(langOption) ? parser.value(langOption)
                                                      : Palomar::Desktop::AppSettings::language();
    Palomar::Desktop::Languages::install(&app, language);

    QApplication::setWindowIcon(Palomar::Desktop::AppIcon::icon());
    Palomar::Desktop::Theme::apply(&app);

    Palomar::Desktop::Launcher launcher;
    launcher.start();
    return app.exec();
}
