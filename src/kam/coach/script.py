"""Traditional and Simplified Chinese read alike: a text is folded, character for character, to one
script (the Simplified forms of our own table), ASCII letters to lower case and full-width forms to
ASCII, so that 盜打 and 盗打, ＵＳＢ and usb match the same words.

Folding keeps every character in its place (one character in, one out), so a match found in the folded
text is the same span of the original, which is what a reason quotes. The table is ours, chosen for
the words of sales talk and customer needs; it is not a full converter (none is installed), and a
character it lacks stays as it is, in both texts alike.
"""

from __future__ import annotations

# Traditional→Simplified pairs, by theme.
_PAIRS = (
    # everyday words
    "們们 這这 個个 麼么 說说 會会 來来 時时 對对 後后 過过 還还 從从 開开 關关 問问 題题 體体 點点 頭头 "
    "為为 見见 覺觉 讀读 寫写 學学 習习 給给 讓让 幾几 樣样 長长 間间 區区 導导 種种 與与 於于 準准 確确 "
    "壞坏 態态 況况 狀状 處处 嗎吗 誰谁 講讲 聽听 認认 識识 記记 憶忆 應应 該该 須须 願愿 舉举 隨随 臨临 "
    "暫暂 緊紧 趕赶 馬马 邊边 週周 當当 將将 並并 僅仅 儘尽 盡尽 遠远 歲岁 裡里 裏里 係系 沒没 歡欢 愛爱 "
    "雙双 齊齐 麗丽 稱称 氣气 貴贵 熱热 覽览 臺台 雲云 歸归 圍围 擾扰 範范 傳传 麥麦 盤盘 剛刚 謝谢 請请 "
    "話话 親亲 賴赖 獨独 鄉乡 觀观 醜丑 際际 張张 慣惯 適适 鬆松 輕轻 帶带 攜携 聲声 響响 觸触 連连 頻频 "
    "屢屡 復复 覆复 總总 層层 領领 闆板 閱阅 憂忧 慮虑 擔担 煩烦 難难 雜杂 亂乱 簡简 複复 則则 調调 論论 "
    "議议 圖图 計计 統统 數数 據据 額额 補补 貼贴 紙纸 啟启 閉闭 燒烧 縫缝 鏽锈 蝕蚀 舊旧 檔档 遺遗 丟丢 "
    "詐诈 騙骗 竊窃 駭骇 擊击 鏈链 虛虚 偽伪 災灾 擬拟 測测 戰战 載载 擴扩 縮缩 辦办 滯滞 積积 壓压 賬账 "
    "帳账 鬧闹 錶表 廢废 棄弃 煙烟 溫温 濕湿 塵尘 汙污 髒脏 淨净 潔洁 衛卫 環环 綠绿 節节 約约 動动 擁拥 "
    "擠挤 遲迟 緩缓 頂顶 蓋盖 殼壳 鈕钮 絲丝 鑽钻 蘋苹 齡龄 虧亏 潤润 銷销 訂订 簽签 團团 練练 訓训 參参 "
    "協协 競竞 爭争 選选 擇择 項项 隊队 組组 織织 負负 責责 誤误 錯错 歷历 紀纪 錄录 試试 廣广 場场 勢势 "
    "規规 幣币 談谈 視视 續续 繼继 別别 麵面 鐘钟 鍾钟 "
    # business and buying
    "價价 報报 錢钱 務务 業业 實实 現现 產产 發发 經经 購购 買买 賣卖 貨货 單单 機机 電电 員员 條条 級级 "
    "設设 費费 預预 決决 戶户 滿满 損损 幫帮 減减 優优 萬万 億亿 兩两 塊块 噸吨 夠够 備备 術术 維维 護护 "
    "質质 廠厂 鋼钢 鐵铁 網网 絡络 軟软 線线 終终 號号 碼码 庫库 運运 輸输 轉转 換换 聯联 東东 風风 險险 "
    "驗验 證证 書书 詳详 細细 紹绍 專专 門门 標标 結结 訴诉 財财 稅税 審审 貸贷 債债 採采 倉仓 儲储 櫃柜 "
    "車车 輛辆 裝装 燈灯 軌轨 齒齿 輪轮 軸轴 閥阀 儀仪 檢检 斷断 纜缆 銅铜 鋁铝 鎖锁 鑰钥 牆墙 樓楼 獎奖 "
    "勵励 罰罚 懲惩 勞劳 資资 職职 辭辞 幹干 乾干 傭佣 撥拨 匯汇 兌兑 殺杀 "
    # devices, parts and looks
    "側侧 訊讯 盜盗 穩稳 顏颜 黃黄 紅红 藍蓝 銀银 淺浅 螢萤 顯显 寬宽 釐厘 吋寸 誌志 腦脑 筆笔 鍵键 頁页 "
    "冊册 勁劲 屬属 製制 鑄铸 鍍镀 塗涂 燙烫 卻却 爐炉 鍋锅 攝摄 鏡镜 韌韧 紋纹 壺壶 綁绑 繩绳 捲卷 膠胶 "
    "墊垫 顆颗 廂厢 鋪铺 廳厅 嚴严 漲涨 "
    # feelings, judgement, frequency
    "嘆叹 惱恼 厭厌 驚惊 懷怀 彈弹 殘残 強强 蘭兰 藝艺 戲戏 "
    # more common characters
    "內内 無无 較较 義义 國国 園园 圓圆 歐欧 亞亚 華华 灣湾 縣县 鎮镇 蘇苏 滬沪 陽阳 陰阴 階阶 陸陆 飛飞 "
    "飯饭 飲饮 館馆 養养 餘余 髮发 鬥斗 魚鱼 鳥鸟 鹽盐 黨党 龍龙 興兴 藥药 蟲虫 衝冲 討讨 許许 診诊 評评 "
    "詞词 詩诗 誠诚 語语 課课 諮咨 諾诺 謀谋 譯译 變变 讚赞 貝贝 貢贡 販贩 貧贫 貿贸 賀贺 賠赔 賺赚 賽赛 "
    "贈赠 贊赞 趨趋 跡迹 踐践 軍军 輔辅 輯辑 農农 迴回 進进 遊游 達达 違违 遞递 郵邮 鄰邻 醫医 釋释 針针 "
    "鈔钞 鑑鉴 閃闪 閒闲 闊阔 陣阵 陳陈 隻只 雖虽 雞鸡 離离 靜静 韓韩 順顺 頓顿 顧顾 類类 飽饱 駐驻 驟骤 "
    "尋寻 岡冈 島岛 嶺岭 帥帅 師师 彎弯 徑径 徵征 憲宪 懶懒 懸悬 戀恋 拋抛 捨舍 掃扫 掛挂 揚扬 搖摇 搶抢 "
    "擋挡 擺摆 攔拦 攤摊 敵敌 晉晋 暢畅 曆历 棟栋 極极 構构 槍枪 樂乐 樞枢 樹树 橋桥 橫横 權权 洩泄 淚泪 "
    "渦涡 湧涌 溝沟 滅灭 漢汉 潛潜 澤泽 濃浓 濟济 濫滥 烏乌 煉炼 營营 爺爷 牽牵 犧牺 猶犹 獲获 獸兽 獻献 "
    "畫画 異异 療疗 監监 盧卢 眾众 礎础 禮礼 禍祸 窮穷 築筑 籌筹 糧粮 絕绝 綜综 締缔 編编 績绩 繳缴 羅罗 "
    "聖圣 聞闻 肅肃 脅胁 脫脱 腳脚 膚肤 臉脸 艙舱 艦舰 艱艰 莊庄 葉叶 著着 蔭荫 薦荐 詢询 誘诱 諸诸 謂谓 "
    "謹谨 譜谱 贏赢 輩辈 轟轰 遜逊 邏逻 鄭郑 釣钓 鈴铃 鉛铅 銳锐 錦锦 鍊炼 隱隐 霧雾 靈灵 韋韦 頌颂 頗颇 "
    "顛颠 飄飘 餅饼 饋馈 驅驱 骯肮 魯鲁 鮮鲜 濾滤 閘闸 壩坝 滲渗 氫氢 鈑钣 鉗钳 鋸锯 鑿凿 鎚锤 錘锤 鏟铲 "
    "壽寿 樁桩 濺溅 噴喷 撐撑 頸颈 癒愈 堅坚 滷卤 啞哑 嘗尝 嚇吓 壇坛 夢梦 奪夺 奮奋 婦妇 嬰婴 寧宁 寶宝 "
    "寵宠 屆届 峽峡 幟帜 廬庐 彙汇 憑凭 懇恳 懼惧 撫抚 敗败 敘叙 斂敛 昇升 晝昼 曉晓 曬晒 朧胧 棧栈 椏桠 "
    "歎叹 殲歼 毀毁 沖冲 漁渔 潑泼 瀏浏 灑洒 爛烂 牘牍 犢犊 瑣琐 瓊琼 甕瓮 畝亩 瘋疯 癢痒 盞盏 矚瞩 磚砖 "
    "禪禅 穀谷 窩窝 竄窜 竅窍 筍笋 簾帘 籃篮 粵粤 糾纠 紛纷 紡纺 縱纵 繪绘 罷罢 聰聪 脹胀 腎肾 艷艳 薩萨 "
    "虜虏 螞蚂 蠶蚕 襯衬 訝讶 詭诡 諧谐 譽誉 豐丰 賜赐 賦赋 趙赵 躍跃 轄辖 辯辩 邁迈 釀酿 鈣钙 銜衔 鋒锋 "
    "錫锡 閣阁 闖闯 隸隶 顫颤 驕骄 鬍胡 "
)

TRADITIONAL_TO_SIMPLIFIED: dict[str, str] = {}
for _pair in _PAIRS.split():
    if _pair[0] != _pair[1]:
        TRADITIONAL_TO_SIMPLIFIED[_pair[0]] = _pair[1]

_TABLE: dict[int, str] = {ord(t): s for t, s in TRADITIONAL_TO_SIMPLIFIED.items()}
_TABLE.update({code: chr(code + 32) for code in range(ord("A"), ord("Z") + 1)})  # ASCII lower case
_TABLE.update({code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)})  # full-width → ASCII
_TABLE.update({code + 0xFEE0: chr(code + 32) for code in range(ord("A"), ord("Z") + 1)})  # ＡＢＣ → abc
_TABLE[0x3000] = " "  # the ideographic space
_TABLE.update({ord(c): "'" for c in "‘’"})
_TABLE.update({ord(c): '"' for c in "“”"})


def fold(text: str) -> str:
    """`text` in one script and case, each character in its place (see the module's docstring)."""
    return text.translate(_TABLE)
