// The picture viewer: bob (a plain ClientSession) sends alice three pictures
// and a PDF; alice, in the real main window, clicks them. A picture not yet
// here is downloaded, then shown in the app's own viewer (never handed to the
// system); the PDF still is. In the viewer: fit, 1:1, + and -, Ctrl+wheel,
// dragging to pan, the arrows and the ‹ › buttons over the chat's pictures
// (the PDF skipped), sender and time, Save as into the downloads folder,
// and Esc.
#include "accountsetup.h"
#include "app/appcontroller.h"
#include "client/filetransfer.h"
#include "guitestutil.h"
#include "models/messagemodel.h"
#include "support/serverprocess.h"
#include "widgets/chatpage.h"
#include "widgets/chatview.h"
#include "widgets/mainwindow.h"
#include "widgets/picturecanvas.h"
#include "widgets/pictureviewer.h"

#include <QFileDialog>
#include <QImage>
#include <QPointer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

using namespace Palomar::Desktop;
using namespace Palomar::GuiTest;
using Palomar::Client::ClientSession;
using Palomar::Client::FileTransfer;
using Palomar::Testing::ServerProcess;

class TestGuiViewer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void pictureIsDownloadedThenShownInTheViewer();
    void otherFilesStillGoToTheSystem();
    void zoomAndPan();
    void nextAndPreviousOverTheChatsPictures();
    void saveAsGoesToTheDownloadsFolder();
    void escapeCloses();
    void cleanupTestCase();

private:
    QString makePicture(const QString &name, QSize size, QColor colour);
    bool bobSends(const QString &path, const QString &mime);
    int rowOf(const QString &name) const;
    // Clicks the bubble of `name` and waits for the viewer to show it.
    PictureViewer *open(const QString &name);
    PictureViewer *viewer() const
    {
        return m_window->findChild<PictureViewer *>(QString(), Qt::FindDirectChildrenOnly);
    }

    ServerProcess m_server;
    QTemporaryDir m_dir;
    std::unique_ptr<AppController> m_controller;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<ClientSession> m_bob;
    QStringList m_opened; // what the app asked the system to open
};

QString TestGuiViewer::makePicture(const QString &name, QSize size, QColor colour)
{
    QImage image(size, QImage::Format_RGB32);
    image.fill(colour);
    const QString path = m_dir.filePath(name);
    return image.save(path) ? path : QString();
}

bool TestGuiViewer::bobSends(const QString &path, const QString &mime)
{
    FileTransfer *transfer = m_bob->sendFile(QStringLiteral("alice"), path, mime);
    QSignalSpy finished(transfer, &FileTransfer::finished);
    const bool ok = finished.wait(kWait);
    transfer->deleteLater();
    return ok;
}

int TestGuiViewer::rowOf(const QString &name) const
{
    MessageModel *model = m_controller->messages();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row).data(MessageModel::FileNameRole).toString() == name)
            return row;
    }
    return -1;
}

PictureViewer *TestGuiViewer::open(const QString &name)
{
    ChatView *view = m_window->chatPage()->view();
    const int row = rowOf(name);
    if (row < 0)
        return nullptr;
    view->scrollTo(view->model()->index(row, 0));
    QCoreApplication::processEvents();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->bubbleRect(row).center());
    const qint64 localId =
        m_controller->messages()->index(row).data(MessageModel::LocalIdRole).toLongLong();
    if (!QTest::qWaitFor(
            [&] { return viewer() && viewer()->isVisible() && viewer()->localId() == localId; },
            kWait))
        return nullptr;
    return viewer();
}

void TestGuiViewer::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QVERIFY(m_dir.isValid());
    QVERIFY(m_server.start());
    QVERIFY(registerUser(m_server.port(), QStringLiteral("alice")));
    QVERIFY(registerUser(m_server.port(), QStringLiteral("bob")));
    m_bob = connectedSession(m_server.port());
    QVERIFY(m_bob);
    QVERIFY(logIn(m_bob.get(), QStringLiteral("bob")));
    QVERIFY(befriend(m_server.port(), QStringLiteral("alice"), m_bob.get(), QStringLiteral("bob")));
    QVERIFY(bobSends(makePicture(QStringLiteral("red.png"), {800, 600}, Qt::red),
                     QStringLiteral("image/png")));
    QFile pdf(m_dir.filePath(QStringLiteral("report.pdf")));
    QVERIFY(pdf.open(QIODevice::WriteOnly) && pdf.write("%PDF-1.4 not really") > 0);
    pdf.close();
    QVERIFY(bobSends(pdf.fileName(), QStringLiteral("application/pdf")));
    QVERIFY(bobSends(makePicture(QStringLiteral("green.png"), {300, 200}, Qt::green),
                     QStringLiteral("image/png")));
    QVERIFY(bobSends(makePicture(QStringLiteral("blue.jpg"), {2400, 1800}, Qt::blue),
                     QStringLiteral("image/jpeg")));

    m_controller = std::make_unique<AppController>();
    m_controller->setCacheDirectory(m_dir.filePath(QStringLiteral("cache")));
    m_controller->setDownloadDirectory(m_dir.filePath(QStringLiteral("Downloads")));
    m_controller->setAutoDownloadLimit(0); // every picture waits for a click
    m_controller->setUrlOpener([this](const QUrl &url) {
        m_opened.append(url.toLocalFile());
        return true;
    });
    m_window = std::make_unique<MainWindow>(m_controller.get());
    QVERIFY(openAccount(m_controller.get(), m_server.port(), QStringLiteral("alice")));
    m_window->resize(1100, 760);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->openChat(QStringLiteral("bob")), kWait);
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(QStringLiteral("blue.jpg")) >= 0, kWait);
}

void TestGuiViewer::pictureIsDownloadedThenShownInTheViewer()
{
    const int row = rowOf(QStringLiteral("red.png"));
    QVERIFY(!m_controller->messages()->index(row).data(MessageModel::FileLocalRole).toBool());
    PictureViewer *shown = open(QStringLiteral("red.png"));
    QVERIFY(shown);
    QVERIFY(m_controller->messages()->index(row).data(MessageModel::FileLocalRole).toBool());
    QVERIFY2(m_opened.isEmpty(), qPrintable(m_opened.join(u' ')));
    QCOMPARE(shown->canvas()->image().size(), QSize(800, 600));
    QCOMPARE(shown->canvas()->image().pixelColor(10, 10), QColor(Qt::red));
    QVERIFY(shown->caption().startsWith(QStringLiteral("bob\nToday, ")));
    QCOMPARE(shown->windowTitle(), QStringLiteral("red.png"));
    // Fitted: the whole picture in the window, not blown up.
    QVERIFY(shown->canvas()->isFit());
    const QRectF picture = shown->canvas()->pictureRect();
    QVERIFY(QRectF(shown->canvas()->rect()).adjusted(-1, -1, 1, 1).contains(picture));
    QVERIFY(shown->canvas()->scale() <= 1.0);
    QVERIFY(!shown->canvas()->canPan());
    QTest::keyClick(shown, Qt::Key_Escape);
    QTRY_VERIFY(!viewer());
}

void TestGuiViewer::otherFilesStillGoToTheSystem()
{
    const int row = rowOf(QStringLiteral("report.pdf"));
    ChatView *view = m_window->chatPage()->view();
    view->scrollTo(view->model()->index(row, 0));
    QCoreApplication::processEvents();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->bubbleRect(row).center());
    QTRY_COMPARE_WITH_TIMEOUT(m_opened.size(), 1, kWait);
    QVERIFY(m_opened.first().endsWith(QStringLiteral("/report.pdf")));
    QVERIFY(!viewer());
}

void TestGuiViewer::zoomAndPan()
{
    PictureViewer *shown = open(QStringLiteral("blue.jpg"));
    QVERIFY(shown);
    PictureCanvas *canvas = shown->canvas();
    QCOMPARE(canvas->image().size(), QSize(2400, 1800));
    const double fit = canvas->scale();
    QVERIFY2(fit < 0.5, qPrintable(QString::number(fit)));
    QVERIFY(!canvas->canPan());

    QTest::keyClick(shown, Qt::Key_1);
    QCOMPARE(canvas->scale(), 1.0);
    QVERIFY(!canvas->isFit());
    QVERIFY(canvas->canPan());
    QCOMPARE(canvas->pictureRect().center(), QRectF(canvas->rect()).center());

    // Dragging moves the picture with the pointer.
    const QPoint from = canvas->rect().center();
    const QPointF before = canvas->pictureRect().topLeft();
    QTest::mousePress(canvas, Qt::LeftButton, {}, from);
    QMouseEvent move(QEvent::MouseMove, QPointF(from + QPoint(120, 80)),
                     canvas->mapToGlobal(QPointF(from + QPoint(120, 80))), Qt::NoButton,
                     Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(canvas, &move);
    QTest::mouseRelease(canvas, Qt::LeftButton, {}, from + QPoint(120, 80));
    QCOMPARE(canvas->pictureRect().topLeft(), before + QPointF(120, 80));
    // Never further than the picture's edge.
    canvas->pan(QPointF(100000, 100000));
    QCOMPARE(canvas->pictureRect().topLeft(), QPointF(0, 0));

    QTest::keyClick(shown, Qt::Key_Plus);
    QVERIFY(qFuzzyCompare(canvas->scale(), PictureCanvas::kStep));
    QTest::keyClick(shown, Qt::Key_Minus);
    QTest::keyClick(shown, Qt::Key_Minus);
    QVERIFY(qFuzzyCompare(canvas->scale(), 1 / PictureCanvas::kStep));

    // Ctrl+wheel zooms about the pointer; the wheel alone pans.
    const double wheelBefore = canvas->scale();
    QWheelEvent zoom(QPointF(200, 150), canvas->mapToGlobal(QPointF(200, 150)), QPoint(),
                     QPoint(0, 120), Qt::NoButton, Qt::ControlModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(canvas, &zoom);
    QVERIFY(qFuzzyCompare(canvas->scale(), wheelBefore * PictureCanvas::kStep));
    const QPointF panBefore = canvas->pictureRect().topLeft();
    QWheelEvent scroll(QPointF(200, 150), canvas->mapToGlobal(QPointF(200, 150)), QPoint(),
                       QPoint(0, -120), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(canvas, &scroll);
    QVERIFY(canvas->pictureRect().top() < panBefore.y());

    // The buttons do the same; Fit goes back to the whole picture.
    auto *zoomIn = findByAccessibleName<QToolButton>(shown, QStringLiteral("zoomIn"));
    auto *fitButton = findByAccessibleName<QToolButton>(shown, QStringLiteral("fitToWindow"));
    auto *actual = findByAccessibleName<QToolButton>(shown, QStringLiteral("actualSize"));
    QVERIFY(zoomIn && fitButton && actual);
    QTest::mouseClick(actual, Qt::LeftButton);
    QCOMPARE(canvas->scale(), 1.0);
    QTest::mouseClick(zoomIn, Qt::LeftButton);
    QVERIFY(qFuzzyCompare(canvas->scale(), PictureCanvas::kStep));
    QTest::mouseClick(fitButton, Qt::LeftButton);
    QVERIFY(canvas->isFit());
    QVERIFY(qFuzzyCompare(canvas->scale(), fit));
    QTest::keyClick(shown, Qt::Key_Escape);
    QTRY_VERIFY(!viewer());
}

void TestGuiViewer::nextAndPreviousOverTheChatsPictures()
{
    // green.png is not here yet: it is not among the viewer's pictures.
    PictureViewer *shown = open(QStringLiteral("red.png"));
    QVERIFY(shown);
    QCOMPARE(shown->position(), QStringLiteral("1 / 2"));
    QVERIFY(!shown->hasPrevious());
    QTest::keyClick(shown, Qt::Key_Escape);
    QTRY_VERIFY(!viewer());

    shown = open(QStringLiteral("green.png")); // downloads it
    QVERIFY(shown);
    QCOMPARE(shown->position(), QStringLiteral("2 / 3"));
    QTest::keyClick(shown, Qt::Key_Left); // the PDF between is skipped
    QCOMPARE(shown->canvas()->image().pixelColor(5, 5), QColor(Qt::red));
    QCOMPARE(shown->position(), QStringLiteral("1 / 3"));
    auto *previous = findByAccessibleName<QToolButton>(shown, QStringLiteral("previousPicture"));
    auto *next = findByAccessibleName<QToolButton>(shown, QStringLiteral("nextPicture"));
    QVERIFY(previous && next);
    QVERIFY(!previous->isEnabled());
    QTest::keyClick(shown, Qt::Key_Left); // nothing before the first
    QCOMPARE(shown->position(), QStringLiteral("1 / 3"));
    QTest::mouseClick(next, Qt::LeftButton);
    QCOMPARE(shown->canvas()->image().pixelColor(5, 5), QColor(Qt::green));
    QTest::keyClick(shown, Qt::Key_Right);
    QCOMPARE(shown->canvas()->image().size(), QSize(2400, 1800));
    QCOMPARE(shown->position(), QStringLiteral("3 / 3"));
    QVERIFY(!next->isEnabled());
    QVERIFY(shown->canvas()->isFit()); // each picture starts fitted
    QTest::mouseClick(previous, Qt::LeftButton);
    QCOMPARE(shown->canvas()->image().pixelColor(5, 5), QColor(Qt::green));
    QCOMPARE(shown->windowTitle(), QStringLiteral("green.png"));
    QTest::keyClick(shown, Qt::Key_Escape);
    QTRY_VERIFY(!viewer());
}

void TestGuiViewer::saveAsGoesToTheDownloadsFolder()
{
    PictureViewer *shown = open(QStringLiteral("green.png"));
    QVERIFY(shown);
    QTest::keyClick(shown, Qt::Key_S, Qt::ControlModifier);
    QFileDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<QFileDialog *>()) && dialog->isVisible());
    const QString downloads = m_controller->downloadDirectory();
    QCOMPARE(QDir(dialog->directory()).absolutePath(), QDir(downloads).absolutePath());
    QCOMPARE(dialog->acceptMode(), QFileDialog::AcceptSave);
    const QString target = QDir(downloads).filePath(QStringLiteral("saved green.png"));
    dialog->selectFile(target);
    static_cast<QDialog *>(dialog)->accept(); // as the Save button does
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(target), kWait);
    QCOMPARE(QImage(target).pixelColor(5, 5), QColor(Qt::green));
    QVERIFY(viewer() && viewer()->isVisible());
    QTest::keyClick(viewer(), Qt::Key_Escape);
    QTRY_VERIFY(!viewer());
}

void TestGuiViewer::escapeCloses()
{
    QPointer<PictureViewer> shown = open(QStringLiteral("red.png"));
    QVERIFY(shown);
    auto *close = findByAccessibleName<QToolButton>(shown, QStringLiteral("closeViewer"));
    QVERIFY(close);
    QTest::mouseClick(close, Qt::LeftButton);
    QTRY_VERIFY(!shown);
    shown = open(QStringLiteral("red.png"));
    QVERIFY(shown);
    QTest::keyClick(shown, Qt::Key_Escape);
    QTRY_VERIFY(!shown);
    QVERIFY(m_window->isVisible());
}

void TestGuiViewer::cleanupTestCase()
{
    m_window.reset();
    m_controller.reset();
}

QTEST_MAIN(TestGuiViewer)
#include "tst_gui_viewer.moc"
