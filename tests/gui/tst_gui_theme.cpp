// The light and the dark theme: their colours checked against each other
// (contrast of text, secondary text, ticks, badges), every window and
// dialog drawn light-on-dark in dark and dark-on-light in light, a switch
// that reaches widgets made before it, "follow the system", and the text
// size reaching the chat list's rows and the bubbles.
#include "accountsetup.h"
#include "app/appcontroller.h"
#include "client/clientsession.h"
#include "guitestutil.h"
#include "models/chatlistmodel.h"
#include "models/messagemodel.h"
#include "support/serverprocess.h"
#include "widgets/aboutdialog.h"
#include "widgets/addfrienddialog.h"
#include "widgets/chatpage.h"
#include "widgets/chatview.h"
#include "widgets/logindialog.h"
#include "widgets/mainwindow.h"
#include "widgets/messageinfodialog.h"
#include "widgets/newgroupdialog.h"
#include "widgets/settingsdialog.h"
#include "widgets/systemtheme.h"
#include "widgets/theme.h"

#include <QAbstractButton>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace Palomar;
using namespace Palomar::Desktop;
using namespace Palomar::GuiTest;
using Palomar::Client::ClientSession;
using Palomar::Testing::ServerProcess;
using Theme::Color;
using Theme::Mode;

Q_DECLARE_METATYPE(Palomar::Desktop::Theme::Mode)
Q_DECLARE_METATYPE(Palomar::Desktop::Theme::Color)

class TestGuiTheme : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void contrast_data();
    void contrast();
    void everyWindowFollowsTheTheme_data();
    void everyWindowFollowsTheTheme();
    void switchReachesExistingWidgets();
    void followTheSystem();
    void textSizeReachesRowsAndBubbles();
    void appFontIsATextFont();
    void cleanupTestCase();

private:
    QList<QWidget *> openEveryWindow();

    ServerProcess m_server;
    QTemporaryDir m_cacheDir;
    std::unique_ptr<AppController> m_controller;
    std::unique_ptr<MainWindow> m_window;
    QList<QWidget *> m_extra; // dialogs made by the test
};

namespace {

// The mean luminance (0 … 1) of what `widget` paints.
double meanLightness(QWidget *widget)
{
    const QImage image = widget->grab().toImage().convertToFormat(QImage::Format_RGB32);
    double sum = 0;
    qint64 count = 0;
    for (int y = 0; y < image.height(); y += 2) {
        for (int x = 0; x < image.width(); x += 2) {
            sum += QColor(image.pixel(x, y)).lightnessF();
            ++count;
        }
    }
    return count ? sum / double(count) : 0;
}

} // namespace

void TestGuiTheme::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    Theme::apply(qApp, Mode::Light, 100);
    QVERIFY(m_server.start());
    QVERIFY(registerUser(m_server.port(), QStringLiteral("alice")));
    QVERIFY(registerUser(m_server.port(), QStringLiteral("bob")));
    auto bob = connectedSession(m_server.port());
    QVERIFY(bob && logIn(bob.get(), QStringLiteral("bob")));
    QVERIFY(befriend(m_server.port(), QStringLiteral("alice"), bob.get(), QStringLiteral("bob")));
    bob->send(QStringLiteral("alice"), QStringLiteral("Hello from bob, in a bubble"));

    m_controller = std::make_unique<AppController>();
    m_controller->setCacheDirectory(m_cacheDir.path());
    m_window = std::make_unique<MainWindow>(m_controller.get());
    QVERIFY(openAccount(m_controller.get(), m_server.port(), QStringLiteral("alice")));
    m_window->resize(1000, 700);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QTRY_VERIFY_WITH_TIMEOUT(m_controller->chatList()->contains(QStringLiteral("bob")), kWait);
    QVERIFY(m_window->openChat(QStringLiteral("bob")));
    QTRY_VERIFY_WITH_TIMEOUT(m_controller->messages()->rowCount() >= 1, kWait);
}

void TestGuiTheme::contrast_data()
{
    QTest::addColumn<Mode>("mode");
    QTest::addColumn<Color>("foreground");
    QTest::addColumn<Color>("background");
    QTest::addColumn<double>("minimum");
    // WCAG: 4.5:1 for text, 3:1 for glyphs (ticks) and bold text on badges and buttons.
    const struct
    {
        const char *name;
        Color foreground;
        Color background;
        double minimum;
    } pairs[] = {
        {"text on surface", Color::TextPrimary, Color::Surface, 7},
        {"text on window", Color::TextPrimary, Color::Window, 7},
        {"text in my bubble", Color::TextPrimary, Color::BubbleMine, 4.5},
        {"text in their bubble", Color::TextPrimary, Color::BubbleTheirs, 4.5},
        {"secondary on surface", Color::TextSecondary, Color::Surface, 4.5},
        {"secondary on window", Color::TextSecondary, Color::Window, 4.5},
        {"secondary in their bubble", Color::TextSecondary, Color::BubbleTheirs, 4.5},
        {"time in my bubble", Color::MetaMine, Color::BubbleMine, 4.5},
        {"tick in my bubble", Color::Tick, Color::BubbleMine, 3},
        {"read tick in my bubble", Color::TickRead, Color::BubbleMine, 3},
        {"tick in the chat list", Color::Tick, Color::Surface, 3},
        {"read tick in the chat list", Color::TickRead, Color::Surface, 3},
        {"badge number", Color::OnBadge, Color::Badge, 4},
        {"badge on the list", Color::Badge, Color::Surface, 3},
        {"button text", Color::OnAccent, Color::Accent, 3},
        {"selected row secondary", Color::OnAccentSecondary, Color::Accent, 3},
        {"error text", Color::ErrorText, Color::DangerBackground, 4.5},
        {"notice text", Color::NoticeText, Color::NoticeBackground, 4.5},
        {"danger on surface", Color::Danger, Color::Surface, 3},
        {"link on surface", Color::Accent, Color::Surface, 3},
        {"placeholder on surface", Color::Placeholder, Color::Surface, 2.5},
    };
    for (const Mode mode : {Mode::Light, Mode::Dark}) {
        for (const auto &pair : pairs) {
            QTest::addRow("%s: %s", mode == Mode::Dark ? "dark" : "light", pair.name)
                << mode << pair.foreground << pair.background << pair.minimum;
        }
    }
}

void TestGuiTheme::contrast()
{
    QFETCH(Mode, mode);
    QFETCH(Color, foreground);
    QFETCH(Color, background);
    QFETCH(double, minimum);
    const double ratio =
        Theme::contrast(Theme::color(foreground, mode), Theme::color(background, mode));
    QVERIFY2(ratio >= minimum, qPrintable(QStringLiteral("%1 (%2 on %3) < %4")
                                              .arg(ratio, 0, 'f', 2)
                                              .arg(Theme::color(foreground, mode).name(),
                                                   Theme::color(background, mode).name())
                                              .arg(minimum)));
}

QList<QWidget *> TestGuiTheme::openEveryWindow()
{
    if (m_extra.isEmpty()) {
        m_window->showSettings();
        m_window->showAbout();
        m_window->showNewGroupDialog();
        m_extra << new LoginDialog(m_controller.get()) << new AddFriendDialog(m_controller.get())
                << new MessageInfoDialog(QStringLiteral("Hello there"));
        for (QWidget *widget : std::as_const(m_extra))
            widget->show();
    }
    QList<QWidget *> shown;
    const QList<QWidget *> windows = QApplication::topLevelWidgets();
    for (QWidget *widget : windows) {
        if (widget->isVisible() && widget->isWindow() && !widget->inherits("QMenu"))
            shown << widget;
    }
    return shown;
}

void TestGuiTheme::everyWindowFollowsTheTheme_data()
{
    QTest::addColumn<Mode>("mode");
    QTest::newRow("light") << Mode::Light;
    QTest::newRow("dark") << Mode::Dark;
}

void TestGuiTheme::everyWindowFollowsTheTheme()
{
    QFETCH(Mode, mode);
    Theme::apply(qApp, mode, 100);
    const bool dark = mode == Mode::Dark;
    const QList<QWidget *> windows = openEveryWindow();
    QVERIFY(windows.size() >= 7);
    for (QWidget *window : windows) {
        QVERIFY(QTest::qWaitForWindowExposed(window));
        const QString name = QString::fromLatin1(window->metaObject()->className());
        const QPalette palette = window->palette();
        QVERIFY2(dark == (palette.color(QPalette::Window).lightness() < 128), qPrintable(name));
        QVERIFY2(dark == (palette.color(QPalette::WindowText).lightness() > 128), qPrintable(name));
        // What is painted, custom delegates and style sheets included.
        const double lightness = meanLightness(window);
        QVERIFY2(dark ? lightness < 0.3 : lightness > 0.75,
                 qPrintable(QStringLiteral("%1 paints %2").arg(name).arg(lightness)));
        // Every label, button and field: its text stands out from its background.
        const QList<QWidget *> children = window->findChildren<QWidget *>();
        for (QWidget *child : children) {
            // Disabled controls may be faint, as everywhere.
            if (!child->isVisible() || !child->isEnabled() ||
                !(qobject_cast<QLabel *>(child) || qobject_cast<QAbstractButton *>(child) ||
                  qobject_cast<QLineEdit *>(child)))
                continue;
            if (qobject_cast<QLabel *>(child) && qobject_cast<QLabel *>(child)->text().isEmpty())
                continue;
            const QPalette own = child->palette();
            const double ratio = Theme::contrast(own.color(child->foregroundRole()),
                                                 own.color(child->backgroundRole()));
            QVERIFY2(ratio >= 2.5,
                     qPrintable(QStringLiteral("%1 in %2: %3 on %4")
                                    .arg(QString::fromLatin1(child->metaObject()->className()),
                                         name, own.color(child->foregroundRole()).name(),
                                         own.color(child->backgroundRole()).name())));
        }
    }
}

void TestGuiTheme::switchReachesExistingWidgets()
{
    Theme::apply(qApp, Mode::Light, 100);
    ChatView *view = m_window->chatPage()->view();
    QCOMPARE(view->viewport()->palette().color(QPalette::Base),
             Theme::color(Color::ChatBackground, Mode::Light));
    QVERIFY(m_window->chatPage()->notice()->styleSheet().contains(
        Theme::color(Color::NoticeBackground, Mode::Light).name()));
    const double lightList = meanLightness(m_window->chatListView()->viewport());
    const double lightChat = meanLightness(view->viewport());

    Theme::apply(qApp, Mode::Dark, 100);
    QCOMPARE(view->viewport()->palette().color(QPalette::Base),
             Theme::color(Color::ChatBackground, Mode::Dark));
    QVERIFY(m_window->chatPage()->notice()->styleSheet().contains(
        Theme::color(Color::NoticeBackground, Mode::Dark).name()));
    // The delegates paint rows and bubbles in the new colours.
    QVERIFY(meanLightness(m_window->chatListView()->viewport()) < lightList - 0.4);
    QVERIFY(meanLightness(view->viewport()) < lightChat - 0.4);
    Theme::apply(qApp, Mode::Light, 100);
}

void TestGuiTheme::followTheSystem()
{
    using SystemTheme::fromColorScheme;
    QCOMPARE(fromColorScheme(1), std::optional<bool>(true));  // prefer dark
    QCOMPARE(fromColorScheme(2), std::optional<bool>(false)); // prefer light
    QCOMPARE(fromColorScheme(0), std::optional<bool>());      // no preference
    QCOMPARE(fromColorScheme(7), std::optional<bool>());
    // Offscreen: no portal; the platform palette is light.
    QCOMPARE(Theme::systemMode(), Mode::Light);
}

void TestGuiTheme::textSizeReachesRowsAndBubbles()
{
    Theme::apply(qApp, Mode::Light, 100);
    QListView *list = m_window->chatListView();
    ChatView *view = m_window->chatPage()->view();
    const auto rowHeight = [list] { return list->visualRect(list->model()->index(0, 0)).height(); };
    const auto bubbleHeight = [view] {
        return view->visualRect(view->model()->index(view->model()->rowCount() - 1, 0)).height();
    };
    const int row = rowHeight();
    const int bubble = bubbleHeight();
    QVERIFY(row > 0 && bubble > 0);
    Theme::apply(qApp, Mode::Light, 150);
    QCOMPARE(QApplication::font().pointSizeF(), Theme::kBasePointSize * 1.5);
    QTRY_VERIFY(rowHeight() > row);
    QTRY_VERIFY(bubbleHeight() > bubble);
    Theme::apply(qApp, Mode::Light, 100);
    QTRY_COMPARE(rowHeight(), row);
    QTRY_COMPARE(bubbleHeight(), bubble);
}

void TestGuiTheme::appFontIsATextFont()
{
    // The app's font is a text face, never the colour emoji font (with
    // fonts-noto-color-emoji installed and no Noto Sans, it once was: every
    // label came out thousands of pixels wide). Run with that font installed
    // (FONTCONFIG_FILE) to check the case itself.
    Theme::apply(qApp, Mode::Light, 100);
    const QFontInfo info(QApplication::font());
    QVERIFY2(!info.family().contains(QLatin1String("Emoji"), Qt::CaseInsensitive),
             qPrintable(info.family()));
    const QFontMetrics metrics(QApplication::font());
    QVERIFY(metrics.horizontalAdvance(QStringLiteral("Hello")) < 5 * metrics.height());
}

void TestGuiTheme::cleanupTestCase()
{
    qDeleteAll(m_extra);
    m_window.reset();
    m_controller.reset();
    QSettings().clear();
}

QTEST_MAIN(TestGuiTheme)
#include "tst_gui_theme.moc"
