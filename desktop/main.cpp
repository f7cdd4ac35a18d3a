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

#include <sys/stat.h>

int main(int argc, char *argv[])
{
    // Everything the app writes (settings, cache, downloads) is the user's
    // alone; the cache and downloads are also made private explicitly.
    umask(S_IRWXG | S_IRWXO);
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
    // exit(), not quit(): Qt 6's quit() asks the windows first, and the main
    // window routes its close to the Launcher.
    QObject::connect(&launcher, &Palomar::Desktop::Launcher::finished, &app,
                     [] { QCoreApplication::exit(0); });
    launcher.start();
    return app.exec();
}
