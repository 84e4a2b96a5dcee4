-- SkillMatrix schema version 5: who a course is for. The 研修計画 proposes a course only to
-- people of its audience: 'new' (新採用), 'staff' (担当), 'lead' (主担当), 'manager'
-- (管理職), '' (everyone). The built-in catalogue's courses get their audience by name;
-- a course the user added keeps '' until the chief sets it in 研修カタログ.

ALTER TABLE course ADD COLUMN audience TEXT NOT NULL DEFAULT ''
    CHECK (audience IN ('', 'new', 'staff', 'lead', 'manager'));

UPDATE course SET audience = 'new' WHERE name = '新採用職員研修';
UPDATE course SET audience = 'staff' WHERE name IN (
    'J-LIS教育研修 集合研修', 'J-LIS教育研修 eラーニング', 'セキュリティeラーニング',
    '個人番号制度eラーニング', 'ベンダー等研修 セミナー', 'IT基礎セミナー',
    'ネットワーク基礎セミナー', 'ISMS適用範囲内研修'
);
UPDATE course SET audience = 'lead' WHERE name IN (
    '情報セキュリティ対策等研修', '情報化アシスト研修', '情報セキュリティインシデント対応訓練',
    'CYDER（実践的サイバー防御演習）', '市町村アカデミー (情報政策の新展開)', '市町村アカデミー 宿泊研修',
    'CIO育成研修(運用管理)', 'ベンダー等研修 専門研修', 'システム開発セミナー',
    'プロジェクト管理セミナー', '業務改善・改革セミナー'
);
UPDATE course SET audience = 'manager' WHERE name IN (
    '分野横断的演習', '自治体CIO育成研修', 'ITガバナンス研修会'
);
