#!/usr/bin/env python3
"""One-off builder for data/units/*.csv (administrative units before/after 1 July 2025).

Usage:  python3 scripts/build-units-data.py [SHARED_DATA_DIR]   (default: ../shared/data)
Run from the repository root. Python 3 standard library only. See data/SOURCES.md.

Inputs (see PROVENANCE.md in SHARED_DATA_DIR):
  vn_units_pre2025_63prov_v2.4.1.json   thanglequoc v2.4.1  -> units-pre2025.csv
  vn_units_2025-07-01_34prov_v3.0.2.json thanglequoc v3.0.2 -> units-2025.csv (names, codes)
  vn_units_2026-04-30_34prov_head.json   thanglequoc HEAD   -> unit TYPE changes only
                                          (Đồng Nai -> TP trực thuộc TW; 10 xã -> phường)
  mapping_new_from_old_merges.json       dvhcvn/20250701    -> unit-links.csv (full/partial)
  mapping_old_to_new_splits.json         dvhcvn/20250701    -> cross-check only
"""
import csv
import json
import os
import shutil
import sys
import unicodedata
from collections import Counter, defaultdict

SRC = sys.argv[1] if len(sys.argv) > 1 else os.path.join('..', 'shared', 'data')
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, 'data', 'units')

COLS = ['code', 'level', 'name', 'full_name', 'type', 'parent_code', 'province_code']
LEVEL_ORDER = {'province': 0, 'district': 1, 'commune': 2}

# Defects of the dvhcvn mapping, fixed here (see data/SOURCES.md):
# new ids used by the mapping that differ from v3.0.2 for the same unit name
NEW_ID_REWRITE = {'06970': '06978', '23737': '23938'}  # Xã Ba Chẽ, Xã Ia Mơ
# (old_id, wrong new_id) -> right new_id.  Old 30622 "Xã Tân Phú" (huyện Châu Thành, tỉnh
# An Giang) is mapped to 30259 "Xã Tân Phú Trung" of Đồng Tháp (a name confusion with 30274
# "Xã Tân Phú", huyện Châu Thành, Đồng Tháp). NQ 1654/NQ-UBTVQH15 Điều 1 khoản 31: "thị trấn
# Vĩnh Bình, xã Tân Phú và xã Vĩnh An thành xã mới ... xã Vĩnh An" = new 30604.
LINK_FIX = {('30622', '30259'): '30604'}


def nfc(s):
    return unicodedata.normalize('NFC', s.strip())


def load(name):
    with open(os.path.join(SRC, name), encoding='utf-8') as f:
        return json.load(f)


def prefix(full, name):
    """Unit-type word(s) in front of the name in FullName ('Thị trấn' in 'Thị trấn Tây Sơn')."""
    full, name = nfc(full), nfc(name)
    if not full.endswith(' ' + name):
        raise SystemExit(f'FullName {full!r} does not end with Name {name!r}')
    return full[: -len(name) - 1]


def cap(t):
    return t[:1].upper() + t[1:]


def province_type(p):
    return 'Thành phố trực thuộc trung ương' if p == 'Thành phố' else p


def row(code, level, name, full, typ, parent, prov):
    return {'code': code, 'level': level, 'name': nfc(name), 'full_name': nfc(full),
            'type': typ, 'parent_code': parent or '', 'province_code': prov}


def build_pre2025():
    rows = []
    for p in load('vn_units_pre2025_63prov_v2.4.1.json'):
        pc = p['Code']
        assert len(pc) == 2
        rows.append(row(pc, 'province', p['Name'], p['FullName'],
                        province_type(prefix(p['FullName'], p['Name'])), None, pc))
        for d in p['District']:
            dc = d['Code']
            assert len(dc) == 3 and d['ProvinceCode'] == pc
            rows.append(row(dc, 'district', d['Name'], d['FullName'],
                            prefix(d['FullName'], d['Name']), pc, pc))
            for w in d['Ward'] or []:  # 5 island districts have Ward = null
                assert len(w['Code']) == 5 and w['DistrictCode'] == dc
                rows.append(row(w['Code'], 'commune', w['Name'], w['FullName'],
                                prefix(w['FullName'], w['Name']), dc, pc))
    return rows


def build_2025():
    head = {}
    for p in load('vn_units_2026-04-30_34prov_head.json'):
        head[p['Code']] = province_type(prefix(p['FullName'], p['Name']))
        for w in p['Wards']:
            head[w['Code']] = cap(prefix(w['FullName'], w['Name']))  # HEAD has one 'xã Bắc Sơn'
    rows, changes = [], []

    def apply(code, typ, name, full):
        new = head[code]
        if new != typ:
            word = 'Thành phố' if new == 'Thành phố trực thuộc trung ương' else new
            changes.append((code, full, f'{word} {nfc(name)}'))
            return new, f'{word} {nfc(name)}'
        return typ, full

    for p in load('vn_units_2025-07-01_34prov_v3.0.2.json'):
        pc = p['Code']
        typ, full = apply(pc, province_type(prefix(p['FullName'], p['Name'])), p['Name'], p['FullName'])
        rows.append(row(pc, 'province', p['Name'], full, typ, None, pc))
        for w in p['Wards']:
            assert len(w['Code']) == 5 and w['ProvinceCode'] == pc
            typ, full = apply(w['Code'], prefix(w['FullName'], w['Name']), w['Name'], w['FullName'])
            rows.append(row(w['Code'], 'commune', w['Name'], full, typ, pc, pc))
    assert len(head) == len(rows), 'HEAD and v3.0.2 must have the same codes'
    return rows, changes


def write_csv(path, cols, rows):
    with open(path, 'w', encoding='utf-8', newline='') as f:
        w = csv.DictWriter(f, fieldnames=cols, lineterminator='\n', quoting=csv.QUOTE_MINIMAL)
        w.writeheader()
        w.writerows(rows)


def main():
    report = []
    pre = build_pre2025()
    new, changes = build_2025()
    for rows in (pre, new):
        rows.sort(key=lambda r: (LEVEL_ORDER[r['level']], r['code']))
        assert len({r['code'] for r in rows}) == len(rows)
    pre_by = {r['code']: r for r in pre}
    new_by = {r['code']: r for r in new}

    # ---- links -------------------------------------------------------------------------
    merges = load('mapping_new_from_old_merges.json')['data']
    splits = load('mapping_old_to_new_splits.json')['data']
    raw = []  # (level, old, new, kind)
    for p in merges:
        for x in p['merges']:
            raw.append(('province', x['old_id'], p['level1_id'], x['type']))
        for c in p['level2s']:
            for x in c['merges']:
                raw.append(('commune', x['old_id'], c['level2_id'], x['type']))
    split_pairs = set()
    for p in splits:
        for x in p['splits']:
            split_pairs.add((p['level1_id'], x['new_id']))
        for c in p.get('level2s', []):  # the 5 island districts without communes
            for x in c['splits']:
                split_pairs.add((c['level2_id'], x['new_id']))
        for c in p['level3s']:
            for x in c['splits']:
                split_pairs.add((c['level3_id'], x['new_id']))
    merge_pairs = {(o, n) for _, o, n, _ in raw}
    report.append(f'cross-check merges vs splits: {len(merge_pairs)} vs {len(split_pairs)} pairs, '
                  f'only in merges {len(merge_pairs - split_pairs)}, only in splits {len(split_pairs - merge_pairs)}')
    assert merge_pairs == split_pairs

    links, dropped, rewritten, fixed, districts = {}, [], 0, [], []
    for level, o, n, kind in raw:
        assert kind in ('full', 'partial')
        if level == 'commune':
            if n in NEW_ID_REWRITE:
                n = NEW_ID_REWRITE[n]
                rewritten += 1
            if (o, n) in LINK_FIX:
                fixed.append((o, n, LINK_FIX[(o, n)]))
                n = LINK_FIX[(o, n)]
            if o not in pre_by:
                dropped.append(o)
                continue
            if pre_by[o]['level'] == 'district':
                # island districts without communes (Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn, Côn Đảo)
                # became đặc khu: keep the link at district level.
                level = 'district'
                districts.append((o, n))
        old, nw = pre_by.get(o), new_by.get(n)
        assert old and nw and old['level'] == level and nw['level'] == ('province' if level == 'province' else 'commune'), (level, o, n)
        key = (level, o, n)
        assert key not in links or links[key] == kind, key
        links[key] = kind
    report.append(f'dropped {len(dropped)} links whose old commune code is not in v2.4.1: {sorted(set(dropped))}')
    report.append(f'rewrote {rewritten} links to new ids {NEW_ID_REWRITE}')
    report.append(f'fixed {len(fixed)} wrong links (old, wrong new, right new): {fixed}')
    report.append(f'kept {len(districts)} island-district -> đặc khu links at level "district": {districts}')

    # province consistency: commune link must stay inside the province mapping
    pmap = defaultdict(set)
    for (lv, o, n) in links:
        if lv == 'province':
            pmap[o].add(n)
    for (lv, o, n) in links:
        if lv != 'province':
            assert new_by[n]['province_code'] in pmap[pre_by[o]['province_code']], (o, n)

    succ = {o for (lv, o, n) in links if lv != 'province'}
    pred = {n for (lv, o, n) in links if lv != 'province'}
    no_succ = [r['code'] for r in pre if r['level'] == 'commune' and r['code'] not in succ]
    no_pred = [r['code'] for r in new if r['level'] == 'commune' and r['code'] not in pred]
    p_succ = {o for (lv, o, n) in links if lv == 'province'}
    p_pred = {n for (lv, o, n) in links if lv == 'province'}
    report.append(f'pre-2025 communes without successor: {no_succ}; 2025 communes without predecessor: {no_pred}')
    assert not no_succ and not no_pred
    assert p_succ == {r['code'] for r in pre if r['level'] == 'province'}
    assert p_pred == {r['code'] for r in new if r['level'] == 'province'}

    link_rows = [{'level': lv, 'old_code': o, 'new_code': n, 'kind': k}
                 for (lv, o, n), k in sorted(links.items(), key=lambda kv: (LEVEL_ORDER[kv[0][0]], kv[0][1], kv[0][2]))]

    os.makedirs(OUT, exist_ok=True)
    write_csv(os.path.join(OUT, 'units-pre2025.csv'), COLS, pre)
    write_csv(os.path.join(OUT, 'units-2025.csv'), COLS, new)
    write_csv(os.path.join(OUT, 'unit-links.csv'), ['level', 'old_code', 'new_code', 'kind'], link_rows)
    for lic in ('LICENSE.thanglequoc-vietnamese-provinces-database.txt', 'LICENSE.dvhcvn-20250701.txt'):
        shutil.copyfile(os.path.join(SRC, lic), os.path.join(OUT, lic))

    report.append('2025 type changes applied from HEAD (NQ 237/NQ-UBTVQH16, NQ 30/2026/QH16): '
                  + '; '.join(f'{c} {a} -> {b}' for c, a, b in changes))
    report.append('pre2025: ' + str(Counter((r['level'], r['type']) for r in pre)))
    report.append('2025: ' + str(Counter((r['level'], r['type']) for r in new)))
    report.append('links: ' + str(Counter((r['level'], r['kind']) for r in link_rows)))
    print('\n'.join(report))


if __name__ == '__main__':
    main()
