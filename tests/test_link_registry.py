"""Issue 15, item 4: one organization registry across the documents of a run."""

from __future__ import annotations

import pyarrow as pa
import pytest

from pipeline.run.registry import org_id, registry_rows
from pipeline.run.schema import SCHEMAS
from pipeline.run.store import read_table


@pytest.mark.parametrize("a, b", [
    (("东方电气集团", "company"), ("中国东方电气集团有限公司", "company")),
    (("上城区政府", "government"), ("杭州市上城区人民政府", "government")),
    (("国家发展改革委", "government"), ("国家发展和改革委员会", "government")),
    (("鹏瞰集成电路(杭州)有限公司", "company"), ("鹏瞰集成电路（杭州）有限公司", "company")),
    (("上城区政务服务中心", "government"), ("杭州市上城区政务服务中心", "government")),
])
def test_surface_forms_of_one_body_share_an_id(a, b):
    assert org_id(*a) == org_id(*b)


@pytest.mark.parametrize("a, b", [
    (("上城区政府", "government"), ("下城区政府", "government")),
    (("下城区政府", "government"), ("拱墅区政府", "government")),  # merged in 2021, but two bodies before
    (("北京市朝阳区政府", "government"), ("长春市朝阳区政府", "government")),
    (("杭州市发改委", "government"), ("宁波市发改委", "government")),
    (("中国银行", "company"), ("银行", "company")),
    (("浙江大学", "research"), ("浙江工业大学", "research")),
])
def test_different_bodies_sharing_a_short_form_stay_apart(a, b):
    assert org_id(*a) != org_id(*b)


def test_registry_rows_group_every_mention():
    rows = [
        {"org_id": org_id("东方电气集团", "company"), "doc_id": "a", "text": "东方电气集团", "name": "东方电气集团",
         "type": "company", "adcode": "100000", "region": "中华人民共和国", "region_source": "national"},
        {"org_id": org_id("中国东方电气集团有限公司", "company"), "doc_id": "b", "text": "东方电气",
         "name": "中国东方电气集团有限公司", "type": "company", "adcode": "100000", "region": "中华人民共和国",
         "region_source": "national"},
        {"org_id": org_id("上城区政府", "government"), "doc_id": "a", "text": "上城区政府", "name": "上城区政府",
         "type": "government", "adcode": "330102", "region": "浙江省杭州市上城区", "region_source": "name"},
    ]
    table = pa.Table.from_pylist(rows)
    reg = {r["name"]: r for r in registry_rows(table)}
    assert set(reg) == {"中国东方电气集团有限公司", "上城区政府"}
    east = reg["中国东方电气集团有限公司"]
    assert east["aliases"] == ["东方电气", "东方电气集团", "中国东方电气集团有限公司"]
    assert east["n_docs"] == 2 and east["n_mentions"] == 2 and east["type"] == "company"


@pytest.mark.slow
def test_seed_registry_covers_every_organization_row(seed_outputs):
    orgs = read_table(seed_outputs, "organizations").to_pandas()
    reg = read_table(seed_outputs, "organizations_registry").to_pandas()
    assert reg.org_id.is_unique and orgs.org_id.notna().all()
    assert set(orgs.org_id) == set(reg.org_id)
    assert reg.n_mentions.sum() == len(orgs)
    merged = reg[reg.aliases.map(len) > 1]
    assert len(merged) >= 10
    east = reg[reg.aliases.map(lambda a: "东方电气集团" in a)]
    assert len(east) == 1 and "中国东方电气集团有限公司" in east.aliases.iloc[0]
    assert list(reg.columns) == SCHEMAS["organizations_registry"].names
