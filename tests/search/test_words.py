import os
import subprocess
import sys
from pathlib import Path

import pytest

from plugins.search import words

pytestmark = pytest.mark.django_db  # the dictionary holds the gazetteer's place names


def test_otop_terms_and_place_names_stay_whole():
    assert words.words("ร่มกระดาษสาบ่อสร้าง 50 ซม.") == ["ร่ม", "กระดาษสา", "บ่อสร้าง", "50", "ซม"]
    assert words.words("ผ้าไหมมัดหมี่ชนบท") == ["ผ้าไหม", "มัดหมี่", "ชนบท"]
    assert words.words("สินค้าโอทอปจากสันกำแพง") == ["สินค้า", "โอทอป", "จาก", "สันกำแพง"]


def test_compounds_are_indexed_with_their_parts():
    assert words.index_words("ผ้าไหม") == ("ผ้าไหม", "ผ้า", "ไหม")
    assert words.compound_parts("บ่อสร้าง") == ["บ่อ", "สร้าง"]
    assert words.compound_parts("silk") == []


def test_tone_marks_typed_out_of_order_normalize_to_one_spelling():
    assert words.text_normalize("น\u0e4d\u0e49\u0e32พริก") == "น้ำพริก"
    assert words.text_normalize("ＯＴＯＰ Silk") == "otop silk"


def test_latin_words_split_at_punctuation():
    assert words.words("Hand-painted, 50 cm OTOP-BO-SANG") == ["hand", "painted", "50", "cm", "otop", "bo", "sang"]


def test_the_tokenizer_needs_nothing_from_outside_its_wheel(tmp_path):
    """A fresh home: PyThaiNLP splits Thai from the dictionary in its wheel, writes no data
    folder and opens no connection (a socket would fail: the code is run with sockets off)."""
    code = (
        "import socket\n"
        "def refuse(*a, **k): raise OSError('no network')\n"
        "socket.socket.connect = refuse\n"
        "import plugins.search.words as w, pythainlp\n"
        "from pythainlp.tokenize import word_tokenize\n"
        "print(pythainlp.__version__, word_tokenize('ผ้าไหมมัดหมี่', custom_dict=w.Trie(set(w.thai_words()) | w.otop_terms())))\n"
    )
    env = {**os.environ, "HOME": str(tmp_path)}
    for name in ("PYTHAINLP_DATA", "PYTHAINLP_DATA_DIR", "PYTHAINLP_READ_ONLY", "PYTHAINLP_OFFLINE"):
        env.pop(name, None)
    result = subprocess.run([sys.executable, "-c", code], cwd=Path(words.__file__).parents[2], env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "5.4.0 ['ผ้าไหม', 'มัดหมี่']"
    assert list(tmp_path.iterdir()) == []
