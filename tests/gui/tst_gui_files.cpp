// Files in the desktop app, with alice and bob each in a real main window
// against a real server: a file sent through the attach path and a picture
// dropped onto the chat (progress, then ticks), the recipient's click that
// downloads into a Downloads folder under a safe, de-duplicated name and
// opens it, thumbnails on both sides, a refusal over max_file, a cancelled
// upload, a failed download with its retry, the cache keeping file messages
// (and migrating an old cache), and the safe-name rules.
#include "app/appcontroller.h"
#include "cache/cachetypes.h"
#include "cache/localcache.h"
#include "client/reply.h"
#include "guitestutil.h"
#include "models/chatlistmodel.h"
#include "models/messagemodel.h"
#include "support/serverprocess.h"
#include "util/filenames.h"
#include "widgets/chatpage.h"
#include "widgets/chatview.h"
#include "widgets/mainwindow.h"
#include "widgets/sendfilesdialog.h"

#include <QCheckBox>
#include <QDropEvent>
#include <QImage>
#include <QJsonObject>
#include <QLabel>
#include <QMimeData>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace Palomar::Desktop;
using namespace Palomar::GuiTest;
using Palomar::Client::ClientSession;
using Palomar::Testing::ServerProcess;

namespace {
constexpr qint64 kMaxFile = 4 * 1024 * 1024;

QByteArray randomBytes(qint64 size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator generator{quint32(size)};
    for (char &byte : bytes)
        byte = char(generator.bounded(256));
    return bytes;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// One account in its own main window, with its own cache and Downloads.
struct App
{
    QTemporaryDir dir;
    std::unique_ptr<AppController> controller;
    std::unique_ptr<MainWindow> window;
    QStringList opened; // what the app asked the desktop to open

    bool logIn(quint16 port, const QString &user)
    {
        controller = std::make_unique<AppController>();
        controller->setCacheDirectory(dir.filePath(QStringLiteral("cache")));
        controller->setDownloadDirectory(dir.filePath(QStringLiteral("Downloads")));
        controller->setUrlOpener([this](const QUrl &url) {
            opened.append(url.toLocalFile());
            return true;
        });
        window = std::make_unique<MainWindow>(controller.get());
        QSignalSpy accountOpened(controller.get(), &AppController::accountOpened);
        controller->logIn({QStringLiteral("127.0.0.1"), port}, user, kPassword,
                          AppController::LoginMode::LogIn, ClientSession::LoginOption::Normal);
        if (!accountOpened.wait(kWait))
            return false;
        window->resize(1100, 760);
        window->show();
        return QTest::qWaitForWindowExposed(window.get());
    }
    MessageModel *messages() const { return controller->messages(); }
    ChatView *view() const { return window->chatPage()->view(); }
    int lastRow() const { return messages()->rowCount() - 1; }
    QVariant last(int role) const { return messages()->index(lastRow()).data(role); }
    int rowOfFile(const QString &name, int from = 0) const
    {
        for (int row = from; row < messages()->rowCount(); ++row) {
            if (messages()->index(row).data(MessageModel::FileNameRole).toString() == name)
                return row;
        }
        return -1;
    }
    void click(int row)
    {
        view()->scrollTo(view()->model()->index(row, 0));
        QCoreApplication::processEvents();
        QTest::mouseClick(view()->viewport(), Qt::LeftButton, {}, view()->bubbleRect(row).center());
    }
};
} // namespace

class TestGuiFiles : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void safeNames_data();
    void safeNames();
    void numberedNames();
    void uniquePathNeverOverwrites();
    void humanSizes();
    void attachShowsProgressThenTicks();
    void droppedPictureShowsThumbnail();
    void recipientClickDownloadsAndOpens();
    void tooLargeIsRefusedInline();
    void cancelledUploadDisappears();
    void failedDownloadOffersRetry();
    void cacheKeepsFileMessages();
    void oldCacheIsMigrated();
    void cleanupTestCase();

private:
    QString writeFile(const QString &name, const QByteArray &bytes);

    ServerProcess m_server{{QStringLiteral("--max-file-size"), QString::number(kMaxFile)}};
    QTemporaryDir m_files;
    App m_alice;
    App m_bob;
    QByteArray m_report;
};

QString TestGuiFiles::writeFile(const QString &name, const QByteArray &bytes)
{
    QDir(m_files.path()).mkpath(QStringLiteral("out"));
    const QString path = m_files.filePath(QStringLiteral("out/") + name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
        return {};
    return path;
}

void TestGuiFiles::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QVERIFY(m_server.start());
    QVERIFY(registerUser(m_server.port(), QStringLiteral("alice")));
    QVERIFY(registerUser(m_server.port(), QStringLiteral("bob")));
    auto alice = connectedSession(m_server.port());
    auto bob = connectedSession(m_server.port());
    QVERIFY(alice && bob);
    QVERIFY(logIn(alice.get(), QStringLiteral("alice")));
    QVERIFY(logIn(bob.get(), QStringLiteral("bob")));
    QVERIFY(awaitOk(alice->friendRequest(QStringLiteral("bob"))));
    QVERIFY(awaitOk(
        bob->friendRespond(QStringLiteral("alice"), ClientSession::FriendResponse::Accept)));
    QVERIFY(awaitOk(alice->logout()));
    QVERIFY(awaitOk(bob->logout()));

    QVERIFY(m_alice.logIn(m_server.port(), QStringLiteral("alice")));
    QVERIFY(m_bob.logIn(m_server.port(), QStringLiteral("bob")));
    QTRY_VERIFY_WITH_TIMEOUT(m_alice.window->openChat(QStringLiteral("bob")), kWait);
    QTRY_VERIFY_WITH_TIMEOUT(m_bob.window->openChat(QStringLiteral("alice")), kWait);
    QTRY_COMPARE_WITH_TIMEOUT(m_alice.controller->session()->limits().maxFile, kMaxFile, kWait);
}

// --- safe names ------------------------------------------------------------------

void TestGuiFiles::safeNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("safe");
    QTest::newRow("plain") << QStringLiteral("report.pdf") << QStringLiteral("report.pdf");
    QTest::newRow("unix traversal")
        << QStringLiteral("../../etc/passwd") << QStringLiteral("passwd");
    QTest::newRow("windows traversal")
        << QStringLiteral("..\\..\\Windows\\win.ini") << QStringLiteral("win.ini");
    QTest::newRow("absolute") << QStringLiteral("/etc/shadow") << QStringLiteral("shadow");
    QTest::newRow("illegal characters")
        << QStringLiteral("a:b*c?d\"e<f>g|h.txt") << QStringLiteral("a_b_c_d_e_f_g_h.txt");
    QTest::newRow("control characters")
        << QStringLiteral("tab\there\nnew.txt") << QStringLiteral("tab_here_new.txt");
    QTest::newRow("CON") << QStringLiteral("CON") << QStringLiteral("_CON");
    QTest::newRow("con.txt") << QStringLiteral("con.txt") << QStringLiteral("_con.txt");
    QTest::newRow("nul.tar.gz") << QStringLiteral("nul.tar.gz") << QStringLiteral("_nul.tar.gz");
    QTest::newRow("LPT1") << QStringLiteral("LPT1") << QStringLiteral("_LPT1");
    QTest::newRow("COM9.log") << QStringLiteral("COM9.log") << QStringLiteral("_COM9.log");
    QTest::newRow("console is fine")
        << QStringLiteral("console.txt") << QStringLiteral("console.txt");
    QTest::newRow("empty") << QString() << QStringLiteral("file");
    QTest::newRow("only a slash") << QStringLiteral("dir/") << QStringLiteral("file");
    QTest::newRow("dot") << QStringLiteral(".") << QStringLiteral("file");
    QTest::newRow("dot dot") << QStringLiteral("..") << QStringLiteral("file");
    QTest::newRow("trailing dots and spaces")
        << QStringLiteral("  notes.txt. . ") << QStringLiteral("notes.txt");
    QTest::newRow("hidden file kept") << QStringLiteral(".bashrc") << QStringLiteral(".bashrc");
    QTest::newRow("bidi override")
        << QStringLiteral("photo\u202Egnp.exe") << QStringLiteral("photognp.exe");
    QTest::newRow("unicode kept") << QStringLiteral("Año nuevo 🎉.jpg")
                                  << QStringLiteral("Año nuevo 🎉.jpg");
}

void TestGuiFiles::safeNames()
{
    QFETCH(QString, name);
    QFETCH(QString, safe);
    QCOMPARE(FileNames::safeName(name), safe);
    // Safe names are a fixed point.
    QCOMPARE(FileNames::safeName(safe), safe);
}

void TestGuiFiles::numberedNames()
{
    QCOMPARE(FileNames::numbered(QStringLiteral("report.pdf"), 0), QStringLiteral("report.pdf"));
    QCOMPARE(FileNames::numbered(QStringLiteral("report.pdf"), 1),
             QStringLiteral("report (1).pdf"));
    QCOMPARE(FileNames::numbered(QStringLiteral("backup.tar.gz"), 2),
             QStringLiteral("backup (2).tar.gz"));
    QCOMPARE(FileNames::numbered(QStringLiteral("README"), 3), QStringLiteral("README (3)"));
    QCOMPARE(FileNames::numbered(QStringLiteral(".bashrc"), 1), QStringLiteral(".bashrc (1)"));

    // Over-long names are cut to fit a file system, keeping the extension.
    const QString longName = QString(300, u'é') + QStringLiteral(".pdf");
    const QString cut = FileNames::safeName(longName);
    QVERIFY(cut.toUtf8().size() <= 240);
    QVERIFY(cut.endsWith(QStringLiteral(".pdf")));
    QVERIFY(FileNames::numbered(cut, 99).toUtf8().size() <= 255);
}

void TestGuiFiles::uniquePathNeverOverwrites()
{
    QTemporaryDir dir;
    const auto touch = [&dir](const QString &name) {
        QFile file(dir.filePath(name));
        return file.open(QIODevice::WriteOnly);
    };
    QCOMPARE(FileNames::uniquePath(dir.path(), QStringLiteral("a.txt")),
             dir.filePath(QStringLiteral("a.txt")));
    QVERIFY(touch(QStringLiteral("a.txt")));
    QVERIFY(touch(QStringLiteral("a (1).txt")));
    QCOMPARE(FileNames::uniquePath(dir.path(), QStringLiteral("a.txt")),
             dir.filePath(QStringLiteral("a (2).txt")));
    // A download in progress holds its name too.
    QVERIFY(touch(QStringLiteral("b.txt.part")));
    QCOMPARE(FileNames::uniquePath(dir.path(), QStringLiteral("b.txt")),
             dir.filePath(QStringLiteral("b (1).txt")));
    // So does whatever the caller says is taken.
    const QString taken = dir.filePath(QStringLiteral("c.txt"));
    QCOMPARE(FileNames::uniquePath(dir.path(), QStringLiteral("c.txt"),
                                   [&](const QString &path) { return path == taken; }),
             dir.filePath(QStringLiteral("c (1).txt")));
}

void TestGuiFiles::humanSizes()
{
    QCOMPARE(FileNames::humanSize(512), QStringLiteral("512 bytes"));
    QCOMPARE(FileNames::humanSize(4404019), QStringLiteral("4.4 MB"));
    QCOMPARE(FileNames::kindOf(QString(), QStringLiteral("x.PDF")), FileNames::Kind::Pdf);
    QCOMPARE(FileNames::kindOf(QStringLiteral("image/png"), QStringLiteral("x")),
             FileNames::Kind::Image);
    QVERIFY(FileNames::isDecodableImage(QString(), QStringLiteral("photo.jpg")));
    QVERIFY(!FileNames::isDecodableImage(QString(), QStringLiteral("notes.txt")));
}

// --- sending ---------------------------------------------------------------------------

void TestGuiFiles::attachShowsProgressThenTicks()
{
    m_report = randomBytes(1536 * 1024);
    const QString path = writeFile(QStringLiteral("report.pdf"), m_report);
    QVERIFY(!path.isEmpty());
    MessageModel *model = m_alice.messages();

    // Everything the new row goes through.
    QList<DeliveryStatus> statuses;
    QList<qint64> progress;
    QObject recorder;
    const auto record = [&] {
        if (model->rowCount() == 0 || !m_alice.last(MessageModel::IsFileRole).toBool())
            return;
        const auto status = DeliveryStatus(m_alice.last(MessageModel::StatusRole).toInt());
        if (statuses.isEmpty() || statuses.last() != status)
            statuses.append(status);
        if (TransferProgress::State(m_alice.last(MessageModel::TransferStateRole).toInt()) ==
            TransferProgress::State::Running)
            progress.append(m_alice.last(MessageModel::TransferDoneRole).toLongLong());
    };
    connect(model, &QAbstractItemModel::dataChanged, &recorder, record);
    connect(model, &QAbstractItemModel::rowsInserted, &recorder, record);

    QSignalSpy bobGot(m_bob.controller->session(), &ClientSession::messageReceived);
    // What the attach button's dialog ends in.
    m_alice.window->chatPage()->sendFiles({path});
    QCOMPARE(m_alice.last(MessageModel::FileNameRole).toString(), QStringLiteral("report.pdf"));
    QCOMPARE(m_alice.last(MessageModel::FileSizeRole).toLongLong(), m_report.size());
    QVERIFY(m_alice.last(MessageModel::FileLocalRole).toBool());

    QTRY_VERIFY_WITH_TIMEOUT(DeliveryStatus(m_alice.last(MessageModel::StatusRole).toInt()) >=
                                 DeliveryStatus::Delivered,
                             kWait);
    QCOMPARE(TransferProgress::State(m_alice.last(MessageModel::TransferStateRole).toInt()),
             TransferProgress::State::None);
    QVERIFY(m_alice.last(MessageModel::MsgIdRole).toLongLong() > 0);
    QCOMPARE(statuses.first(), DeliveryStatus::Pending);
    QVERIFY(statuses.contains(DeliveryStatus::Delivered));
    // The bar moved: some progress between nothing and everything, in order.
    QVERIFY2(std::any_of(progress.cbegin(), progress.cend(),
                         [&](qint64 done) { return done > 0 && done < m_report.size(); }),
             "no intermediate progress was shown");
    QVERIFY(std::is_sorted(progress.cbegin(), progress.cend()));

    QVERIFY(bobGot.count() >= 1 || bobGot.wait(kWait));
    const auto message = bobGot.last().first().value<Palomar::Client::Message>();
    QCOMPARE(message.file.value(QLatin1String("name")).toString(), QStringLiteral("report.pdf"));
    QVERIFY(!m_alice.view()->viewport()->grab().isNull());
}

void TestGuiFiles::droppedPictureShowsThumbnail()
{
    QImage picture(800, 600, QImage::Format_RGB32);
    for (int y = 0; y < picture.height(); ++y)
        for (int x = 0; x < picture.width(); ++x)
            picture.setPixel(x, y, qRgb(x * 255 / 800, y * 255 / 600, 160));
    const QString path = m_files.filePath(QStringLiteral("out/sunset.png"));
    QVERIFY(picture.save(path));

    // A drop of the file onto the chat, as from a file manager.
    QMimeData data;
    data.setUrls({QUrl::fromLocalFile(path)});
    QWidget *target = m_alice.view()->viewport();
    const QPoint where = target->rect().center();
    QDragEnterEvent enter(where, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(target, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(where, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(target, &drop);
    QVERIFY(drop.isAccepted());
    // The preview step: sent as the original file (tst_gui_compose tests compressing).
    SendFilesDialog *preview = nullptr;
    QTRY_VERIFY((preview = m_alice.window->findChild<SendFilesDialog *>()) && preview->isVisible());
    preview->compressBox()->setChecked(false);
    preview->sendButton()->click();

    QCOMPARE(m_alice.last(MessageModel::FileNameRole).toString(), QStringLiteral("sunset.png"));
    QCOMPARE(FileNames::Kind(m_alice.last(MessageModel::FileKindRole).toInt()),
             FileNames::Kind::Image);
    // My own picture shows from its source at once, while it uploads.
    QTRY_VERIFY_WITH_TIMEOUT(!m_alice.last(MessageModel::ThumbnailRole).value<QImage>().isNull(),
                             kWait);
    const int cardHeight =
        m_alice.view()->bubbleRect(m_alice.rowOfFile(QStringLiteral("report.pdf"))).height();
    QTRY_VERIFY(m_alice.view()->bubbleRect(m_alice.lastRow()).height() > 2 * cardHeight);
    QTRY_VERIFY_WITH_TIMEOUT(DeliveryStatus(m_alice.last(MessageModel::StatusRole).toInt()) >=
                                 DeliveryStatus::Sent,
                             kWait);

    // The recipient fetches small pictures by themselves: the thumbnail appears.
    QTRY_VERIFY_WITH_TIMEOUT(m_bob.rowOfFile(QStringLiteral("sunset.png")) >= 0, kWait);
    const auto bobThumbnail = [this] {
        return m_bob.messages()
            ->index(m_bob.rowOfFile(QStringLiteral("sunset.png")))
            .data(MessageModel::ThumbnailRole)
            .value<QImage>();
    };
    QTRY_VERIFY_WITH_TIMEOUT(!bobThumbnail().isNull(), kWait);
    QCOMPARE(bobThumbnail().size(), QSize(640, 480));
    QTRY_VERIFY(m_bob.view()->bubbleRect(m_bob.rowOfFile(QStringLiteral("sunset.png"))).height() >
                150);

    // The chat lists show the file.
    ChatListModel *chats = m_bob.controller->chatList();
    QCOMPARE(chats->index(chats->rowOf(QStringLiteral("alice")))
                 .data(ChatListModel::PreviewRole)
                 .toString(),
             QStringLiteral("📎 sunset.png"));
}

// --- receiving -------------------------------------------------------------------------

void TestGuiFiles::recipientClickDownloadsAndOpens()
{
    const int row = m_bob.rowOfFile(QStringLiteral("report.pdf"));
    QVERIFY(row >= 0);
    QVERIFY(!m_bob.messages()->index(row).data(MessageModel::FileLocalRole).toBool());

    m_bob.click(row);
    QTRY_COMPARE_WITH_TIMEOUT(m_bob.opened.size(), 1, kWait);
    const QString downloads = m_bob.controller->downloadDirectory();
    QCOMPARE(m_bob.opened.at(0), QDir(downloads).filePath(QStringLiteral("report.pdf")));
    QCOMPARE(readAll(m_bob.opened.at(0)), m_report);
    QVERIFY(!QFile::exists(m_bob.opened.at(0) + QStringLiteral(".part")));
    QTRY_VERIFY(m_bob.messages()->index(row).data(MessageModel::FileLocalRole).toBool());

    // A second click opens the same file at once: no second download.
    m_bob.click(row);
    QCOMPARE(m_bob.opened.size(), 2);
    QCOMPARE(m_bob.opened.at(1), m_bob.opened.at(0));
    QVERIFY(!m_bob.controller->isTransferring(
        m_bob.messages()->index(row).data(MessageModel::LocalIdRole).toLongLong()));

    // Another file of the same name never replaces the first.
    const QByteArray second = randomBytes(70000);
    m_alice.window->chatPage()->sendFiles({writeFile(QStringLiteral("report.pdf"), second)});
    int secondRow = -1;
    QTRY_VERIFY_WITH_TIMEOUT(
        (secondRow = m_bob.rowOfFile(QStringLiteral("report.pdf"), row + 1)) > row, kWait);
    m_bob.click(secondRow);
    QTRY_COMPARE_WITH_TIMEOUT(m_bob.opened.size(), 3, kWait);
    QCOMPARE(m_bob.opened.at(2), QDir(downloads).filePath(QStringLiteral("report (1).pdf")));
    QCOMPARE(readAll(m_bob.opened.at(2)), second);
    QCOMPARE(readAll(m_bob.opened.at(0)), m_report);
}

void TestGuiFiles::tooLargeIsRefusedInline()
{
    const QString path = writeFile(QStringLiteral("huge.iso"), QByteArray(kMaxFile + 1, 'x'));
    const int rows = m_alice.messages()->rowCount();
    m_alice.window->chatPage()->sendFiles({path, m_files.path()});
    QCOMPARE(m_alice.messages()->rowCount(), rows);
    QLabel *notice = m_alice.window->chatPage()->notice();
    QVERIFY(notice->isVisible());
    // The last refusal (the folder) is on show; the size one came first.
    QVERIFY(notice->text().contains(QStringLiteral("folder")));
    QSignalSpy notices(m_alice.controller.get(), &AppController::fileNotice);
    m_alice.window->chatPage()->sendFiles({path});
    QCOMPARE(notices.count(), 1);
    const QString text = notices.first().first().toString();
    QVERIFY2(text.contains(QStringLiteral("huge.iso")) && text.contains(QStringLiteral("4.2 MB")),
             qPrintable(text));
    QCOMPARE(notice->text(), text);
}

void TestGuiFiles::cancelledUploadDisappears()
{
    const QString path = writeFile(QStringLiteral("draft.bin"), randomBytes(3 * 1024 * 1024));
    const int rows = m_alice.messages()->rowCount();
    m_alice.window->chatPage()->sendFiles({path});
    QCOMPARE(m_alice.messages()->rowCount(), rows + 1);
    const qint64 localId = m_alice.last(MessageModel::LocalIdRole).toLongLong();
    QVERIFY(m_alice.controller->isTransferring(localId));
    m_alice.controller->cancelTransfer(localId);
    QTRY_COMPARE(m_alice.messages()->rowCount(), rows);
    QVERIFY(!m_alice.controller->cache()->messageByLocalId(localId));
    QVERIFY(!m_alice.controller->isTransferring(localId));
}

void TestGuiFiles::failedDownloadOffersRetry()
{
    // A file message whose file the server does not have.
    Palomar::Client::Message ghost;
    ghost.msgId = 1 << 30;
    ghost.from = QStringLiteral("alice");
    ghost.to = QStringLiteral("bob");
    ghost.ts = QDateTime::currentMSecsSinceEpoch();
    ghost.file = {{QStringLiteral("file_id"), 987654},
                  {QStringLiteral("name"), QStringLiteral("ghost.txt")},
                  {QStringLiteral("size"), 10},
                  {QStringLiteral("sha256"), QString(64, u'0')},
                  {QStringLiteral("mime"), QStringLiteral("text/plain")}};
    const auto stored = m_bob.controller->cache()->storeMessage(ghost, QStringLiteral("bob"),
                                                                LocalCache::Origin::History);
    m_bob.messages()->upsert(stored.first);
    const int row = m_bob.rowOfFile(QStringLiteral("ghost.txt"));
    QVERIFY(row >= 0);
    const auto state = [&] {
        return TransferProgress::State(
            m_bob.messages()->index(row).data(MessageModel::TransferStateRole).toInt());
    };
    const int opened = int(m_bob.opened.size());
    m_bob.click(row);
    QTRY_COMPARE_WITH_TIMEOUT(state(), TransferProgress::State::Failed, kWait);
    const QString error =
        m_bob.messages()->index(row).data(MessageModel::TransferErrorRole).toString();
    QVERIFY(!error.isEmpty());
    QCOMPARE(m_bob.opened.size(), opened);
    QVERIFY(!QFile::exists(
        QDir(m_bob.controller->downloadDirectory()).filePath(QStringLiteral("ghost.txt"))));

    // A click on the failed bubble tries again (and fails again, the same way).
    QSignalSpy retried(m_bob.view(), &ChatView::fileRetryRequested);
    m_bob.click(row);
    QCOMPARE(retried.count(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(state(), TransferProgress::State::Failed, kWait);
    QVERIFY(!m_bob.view()->viewport()->grab().isNull());
}

// --- the cache ---------------------------------------------------------------------------

void TestGuiFiles::cacheKeepsFileMessages()
{
    m_bob.controller->cache()->commit();
    // A second reader of bob's cache file, as the next start of the app would be.
    LocalCache again;
    QVERIFY(again.open(m_bob.controller->cache()->path()));
    const QList<CachedMessage> history = again.messages(QStringLiteral("alice"), 0, 100);
    const auto report = std::find_if(history.cbegin(), history.cend(), [](const CachedMessage &m) {
        return m.file.name == QLatin1String("report.pdf");
    });
    QVERIFY(report != history.cend());
    QCOMPARE(report->file.size, m_report.size());
    QVERIFY(report->file.fileId > 0);
    QCOMPARE(report->file.sha256.size(), 64);
    QCOMPARE(readAll(report->file.localPath), m_report);
    QVERIFY(!report->outgoing);

    // An upload cut short by quitting the app is Failed next time, ready to retry.
    CachedFile file;
    file.name = QStringLiteral("late.txt");
    file.size = 4;
    file.localPath = m_files.filePath(QStringLiteral("late.txt"));
    const CachedMessage pending =
        again.addPendingFile(QStringLiteral("client-late"), QStringLiteral("alice"), file, 1);
    QCOMPARE(pending.status, DeliveryStatus::Pending);
    QCOMPARE(pending.file.localPath, file.localPath);
    again.failInterruptedUploads();
    QCOMPARE(again.messageByLocalId(pending.localId)->status, DeliveryStatus::Failed);
    again.removeMessage(pending.localId);
    again.commit();
}

void TestGuiFiles::oldCacheIsMigrated()
{
    // A cache as version 1 (groups, no files) left it.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("old.db"));
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v1"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery query(db);
        for (const char *sql :
             {"CREATE TABLE messages (id INTEGER PRIMARY KEY, msg_id INTEGER UNIQUE, "
              "client_id TEXT UNIQUE, peer TEXT NOT NULL COLLATE NOCASE, outgoing INTEGER NOT "
              "NULL, text TEXT NOT NULL, ts INTEGER NOT NULL, status INTEGER NOT NULL, sort_key "
              "INTEGER, unread INTEGER NOT NULL DEFAULT 0, sender TEXT)",
              "CREATE TABLE groups (id INTEGER PRIMARY KEY, name TEXT NOT NULL, admin TEXT NOT "
              "NULL DEFAULT '', member INTEGER NOT NULL DEFAULT 1, last_read INTEGER NOT NULL "
              "DEFAULT 0)",
              "INSERT INTO messages (msg_id, peer, outgoing, text, ts, status, sort_key) "
              "VALUES (7, 'carol', 0, 'from before files', 1000, 0, 7)",
              "PRAGMA user_version = 1"})
            QVERIFY2(query.exec(QString::fromLatin1(sql)), sql);
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("v1"));

    LocalCache cache;
    QVERIFY(cache.open(path));
    QList<CachedMessage> messages = cache.messages(QStringLiteral("carol"), 0, 10);
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.first().text, QStringLiteral("from before files"));
    QVERIFY(!messages.first().isFile());

    Palomar::Client::Message message;
    message.msgId = 8;
    message.from = QStringLiteral("carol");
    message.to = QStringLiteral("me");
    message.ts = 2000;
    message.file = {
        {QStringLiteral("file_id"), 3},
        {QStringLiteral("name"), QStringLiteral("plan.odt")},
        {QStringLiteral("size"), 1234},
        {QStringLiteral("sha256"), QString(64, u'a')},
        {QStringLiteral("mime"), QStringLiteral("application/vnd.oasis.opendocument.text")}};
    cache.storeMessage(message, QStringLiteral("me"), LocalCache::Origin::Sync);
    messages = cache.messages(QStringLiteral("carol"), 0, 10);
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages.last().file.name, QStringLiteral("plan.odt"));
    QCOMPARE(messages.last().file.fileId, 3);
    QCOMPARE(messages.last().file.size, 1234);
    QCOMPARE(messages.last().text, QString(QLatin1String("")));
    cache.addContact(QStringLiteral("carol"));
    QCOMPARE(cache.chatSummary(QStringLiteral("carol")).lastFileName, QStringLiteral("plan.odt"));
}

void TestGuiFiles::cleanupTestCase()
{
    m_alice.window.reset();
    m_alice.controller.reset();
    m_bob.window.reset();
    m_bob.controller.reset();
}

QTEST_MAIN(TestGuiFiles)
#include "tst_gui_files.moc"
