#include "languages.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace Palomar::Desktop::Languages {

QString install(QCoreApplication *app, const QString &requested)
{
    static QTranslator *ours = nullptr;
    static QTranslator *qt = nullptr;
    if (ours) {
        QCoreApplication::removeTranslator(ours);
        QCoreApplication::removeTranslator(qt);
        delete ours;
        delete qt;
    }
    ours = new QTranslator(app);
    qt = new QTranslator(app);
    const QLocale locale = requested.isEmpty() ? QLocale::system() : QLocale(requested);
    QString code = QStringLiteral("en");
    // Any other language shows English, from its own file too: the source
    // strings have "(s)" where the English plurals ("1 minute", "3 minutes")
    // come from palomar_en's numerus forms.
    if (ours->load(locale, QStringLiteral("palomar"), QStringLiteral("_"),
                   QStringLiteral(":/i18n")) ||
        ours->load(QStringLiteral("palomar_en"), QStringLiteral(":/i18n"))) {
        QCoreApplication::installTranslator(ours);
        code = QLocale(ours->language()).name().section(u'_', 0, 0);
    }
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    QLocale::setDefault(locale);
    return code;
}

} // namespace Palomar::Desktop::Languages
