#pragma once

#include <QDialog>

class QCheckBox;
class QLineEdit;
class QPushButton;

namespace Palomar::Desktop {

// The step before files are sent (attach, drop, a pasted picture): what
// will go (a thumbnail for a picture, else its name and size), an optional
// caption (sent as a text message right after the first file, since the
// protocol has no caption field), and for pictures the choice to send them
// compressed (scaled down, as JPEG) or as the original files.
class SendFilesDialog : public QDialog
{
    Q_OBJECT
public:
    SendFilesDialog(const QStringList &paths, const QString &chatName, QWidget *parent = nullptr);

    QStringList paths() const { return m_paths; }
    QString caption() const;
    void setCaption(const QString &text);
    // Pictures scaled down and re-encoded (the default), or sent as they are.
    bool compressPictures() const;
    bool hasPictures() const { return m_pictures > 0; }
    QCheckBox *compressBox() const { return m_compress; }
    QLineEdit *captionEdit() const { return m_caption; }
    QPushButton *sendButton() const { return m_send; }

private:
    QWidget *fileRow(const QString &path, int thumbnailSize);

    QStringList m_paths;
    int m_pictures = 0;
    QCheckBox *m_compress;
    QLineEdit *m_caption;
    QPushButton *m_send;
};

} // namespace Palomar::Desktop
